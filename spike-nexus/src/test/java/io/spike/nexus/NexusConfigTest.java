package io.spike.nexus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.config.SettingException;
import io.spike.config.Settings;
import io.spike.identity.SpiffeId;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NexusConfigTest {

  private static NexusConfig parse(Map<String, String> env) {
    return NexusConfig.fromEnvironment(env::get);
  }

  @Test
  void defaults_matchDesign() {
    NexusConfig config = parse(Map.of());
    assertThat(config.api().host()).isEqualTo("0.0.0.0");
    assertThat(config.api().port()).isEqualTo(8553);
    assertThat(config.ops().host()).isEqualTo("127.0.0.1");
    assertThat(config.ops().port()).isEqualTo(8554);
    assertThat(config.api().maxRequestBytes()).isEqualTo(1024 * 1024);
    assertThat(config.shamir().shares()).isEqualTo(3);
    assertThat(config.shamir().threshold()).isEqualTo(2);
    assertThat(config.keepers().peers())
        .containsExactly(
            URI.create("https://localhost:8443"),
            URI.create("https://localhost:8543"),
            URI.create("https://localhost:8643"));
    assertThat(config.keepers().updateInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.limits().maxSecretVersions()).isEqualTo(10);
    assertThat(config.trustDomain()).isEqualTo("spike.ist");
    assertThat(config.recovery().backoffInitial()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.recovery().backoffMax()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.recovery().restoreTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.api().maxSnapshotBytes()).isEqualTo(4L * 1024 * 1024 * 1024);
    assertThat(config.backups())
        .isEqualTo(new NexusConfig.Backups(Optional.empty(), Duration.ofHours(1), 7));
  }

  @Test
  void backupVariables_areHonoured_andTheDirectoryMadeAbsolute() {
    NexusConfig config =
        parse(
            Map.of(
                "SPIKE_NEXUS_BACKUP_DIR",
                "rel/backups",
                "SPIKE_NEXUS_BACKUP_INTERVAL",
                "90s",
                "SPIKE_NEXUS_BACKUP_RETAIN",
                "3",
                "SPIKE_NEXUS_MAX_SNAPSHOT_BYTES",
                "2048"));
    assertThat(config.backups().dir()).contains(Path.of("rel/backups").toAbsolutePath());
    assertThat(config.backups().interval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.backups().retain()).isEqualTo(3);
    assertThat(config.api().maxSnapshotBytes()).isEqualTo(2048);
    assertThat(parse(Map.of("SPIKE_NEXUS_BACKUP_DIR", "  ")).backups().dir()).isEmpty();
  }

  @Test
  void everyVariable_isHonoured() {
    Map<String, String> env = new HashMap<>();
    env.put("SPIKE_NEXUS_TLS_PORT", "9553");
    env.put("SPIKE_NEXUS_TLS_ADDR", "127.0.0.1");
    env.put("SPIKE_NEXUS_OPS_ADDR", "[::1]:9554");
    env.put("SPIKE_NEXUS_MAX_REQUEST_BYTES", "2048");
    env.put("SPIKE_NEXUS_SHAMIR_SHARES", "2");
    env.put("SPIKE_NEXUS_SHAMIR_THRESHOLD", "1");
    env.put("SPIKE_NEXUS_KEEPER_PEERS", "https://k1:1, https://k2:2");
    env.put("SPIKE_NEXUS_KEEPER_UPDATE_INTERVAL", "2s");
    env.put("SPIKE_NEXUS_MAX_SECRET_VERSIONS", "4");
    env.put("SPIKE_TRUST_ROOT", "example.org");
    env.put("SPIKE_NEXUS_RESTORE_TTL", "90s");
    NexusConfig config = parse(env);
    assertThat(config.api().port()).isEqualTo(9553);
    assertThat(config.api().host()).isEqualTo("127.0.0.1");
    assertThat(config.ops().host()).isEqualTo("::1");
    assertThat(config.ops().port()).isEqualTo(9554);
    assertThat(config.api().maxRequestBytes()).isEqualTo(2048);
    assertThat(config.shamir().shares()).isEqualTo(2);
    assertThat(config.shamir().threshold()).isEqualTo(1);
    assertThat(config.keepers().peers())
        .containsExactly(URI.create("https://k1:1"), URI.create("https://k2:2"));
    assertThat(config.keepers().updateInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.limits().maxSecretVersions()).isEqualTo(4);
    assertThat(config.trustDomain()).isEqualTo("example.org");
    assertThat(config.recovery().restoreTtl()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void keeperIds_followTheKeeperList() {
    NexusConfig config = parse(Map.of("SPIKE_TRUST_ROOT_KEEPER", "keepers.example,spike.ist"));

    assertThat(config.keepers().ids())
        .containsExactly(
            SpiffeId.parse("spiffe://keepers.example/spike/keeper/1"),
            SpiffeId.parse("spiffe://keepers.example/spike/keeper/2"),
            SpiffeId.parse("spiffe://keepers.example/spike/keeper/3"));
    assertThat(config.trust().keeper()).containsExactly("keepers.example", "spike.ist");
    assertThat(config.trustDomain()).isEqualTo("spike.ist");
  }

  @Test
  void keeperIds_inADomainAllowedForPilotsOnly_areRefused() {
    Map<String, String> env =
        Map.of(
            "SPIKE_TRUST_ROOT_PILOT",
            "ops.example",
            "SPIKE_NEXUS_KEEPER_IDS",
            "spiffe://spike.ist/spike/keeper/1,spiffe://ops.example/spike/keeper/2,"
                + "spiffe://spike.ist/spike/keeper/3");

    assertThatThrownBy(() -> parse(env))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("SPIKE_NEXUS_KEEPER_IDS")
        .hasMessageContaining("spiffe://ops.example/spike/keeper/2")
        .hasMessageContaining("SPIKE_TRUST_ROOT_KEEPER");
  }

  @Test
  void keeperIds_inAnAllowedDomainButWrongPath_areRefused() {
    Map<String, String> env =
        Map.of(
            "SPIKE_TRUST_ROOT_KEEPER",
            "keepers.example",
            "SPIKE_NEXUS_KEEPER_IDS",
            "spiffe://keepers.example/spike/keeper/1,spiffe://keepers.example/spike/nexus,"
                + "spiffe://keepers.example/spike/keeper/3");

    assertThatThrownBy(() -> parse(env))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("spiffe://keepers.example/spike/nexus");
  }

  @Test
  void peerCount_mustEqualShares() {
    assertThatThrownBy(() -> parse(Map.of("SPIKE_NEXUS_KEEPER_PEERS", "https://a:1,https://b:2")))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("SPIKE_NEXUS_KEEPER_PEERS lists 2 keeper(s)")
        .hasMessageContaining("SPIKE_NEXUS_SHAMIR_SHARES is 3");
  }

  /** A variable, a value it refuses, and what else the start-up error says besides its name. */
  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          SPIKE_NEXUS_TLS_PORT               | http |
          SPIKE_NEXUS_TLS_PORT               | 70000 |
          SPIKE_NEXUS_OPS_ADDR               | 8554 |
          SPIKE_NEXUS_SHAMIR_THRESHOLD       | 4 |
          SPIKE_NEXUS_KEEPER_UPDATE_INTERVAL | 5 minutes |
          SPIKE_NEXUS_KEEPER_PEERS           | http://a:1,https://b:2,https://c:3 | https
          SPIKE_NEXUS_MAX_SECRET_VERSIONS    | 0 |
          SPIKE_TRUST_ROOT                   | Not A Domain |
          SPIKE_TRUST_ROOT_KEEPER            | a.example,,b.example | empty entry at position 2
          SPIKE_TRUST_ROOT_PILOT             | ops.example,Bad | invalid trust domain name at position 2
          SPIKE_NEXUS_RESTORE_TTL            | 10 min |
          SPIKE_NEXUS_RESTORE_TTL            | 10ms |
          SPIKE_NEXUS_BACKUP_INTERVAL        | hourly | 1h
          SPIKE_NEXUS_BACKUP_INTERVAL        | 500ms  | SPIKE_NEXUS_BACKUP_INTERVAL must be at least 1s
          SPIKE_NEXUS_BACKUP_RETAIN          | 0      | SPIKE_NEXUS_BACKUP_RETAIN='0' is below 1
          SPIKE_NEXUS_BACKUP_RETAIN          | seven |
          SPIKE_NEXUS_MAX_SNAPSHOT_BYTES     | 100 |
          SPIKE_NEXUS_MAX_SNAPSHOT_BYTES     | 4G |
          SPIKE_NEXUS_BACKUP_DIR             | bad\0path |
          """)
  void badValue_stopsStartUp_namingTheVariable(String variable, String value, String alsoSays) {
    assertThatThrownBy(() -> parse(Map.of(variable, value)))
        .hasMessageContaining(variable)
        .hasMessageContaining(alsoSays == null ? variable : alsoSays);
  }

  @Test
  void withRecoveryBackoff_changesOnlyBackoff() {
    NexusConfig config =
        parse(Map.of()).withRecoveryBackoff(Duration.ofMillis(10), Duration.ofMillis(20));
    assertThat(config.recovery().backoffInitial()).isEqualTo(Duration.ofMillis(10));
    assertThat(config.api().port()).isEqualTo(8553);
    assertThat(config.recovery().restoreTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.backups().retain()).isEqualTo(7);
  }

  @Test
  void auditLog_unsetIsEmpty_setIsAbsolute() {
    assertThat(parse(Map.of()).auditLog()).isEmpty();
    assertThat(parse(Map.of(Settings.AUDIT_LOG.name(), "logs/audit.log")).auditLog())
        .contains(Path.of("logs/audit.log").toAbsolutePath());
  }
}
