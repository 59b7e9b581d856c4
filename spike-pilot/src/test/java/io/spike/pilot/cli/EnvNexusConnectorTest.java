package io.spike.pilot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.config.SettingException;
import io.spike.identity.DevCa;
import io.spike.identity.SpiffeId;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvNexusConnectorTest {
  @TempDir Path dir;

  private Map<String, String> svidEnv(String... extra) {
    DevCa ca = DevCa.create(dir.resolve("ca"), "spike.ist");
    ca.issue(
        SpiffeId.parse("spiffe://spike.ist/spike/pilot/role/superuser"),
        dir.resolve("su.crt"),
        dir.resolve("su.key"));
    HashMap<String, String> env =
        new HashMap<>(
            Map.of(
                "SPIKE_SVID_CERT",
                dir.resolve("su.crt").toString(),
                "SPIKE_SVID_KEY",
                dir.resolve("su.key").toString(),
                "SPIKE_TRUST_BUNDLE",
                ca.bundle().toString()));
    for (int i = 0; i < extra.length; i += 2) {
      env.put(extra[i], extra[i + 1]);
    }
    return env;
  }

  @Test
  void open_withoutSvidVariables_failsWithTheHint() {
    assertThatThrownBy(() -> new EnvNexusConnector(Map.of("SPIKE_SVID_CERT", "/x")).open())
        .isInstanceOf(CliFailure.class)
        .hasMessage(EnvNexusConnector.NO_IDENTITY);
  }

  @Test
  void open_withBadUrl_isUsage_beforeIdentity() {
    assertThatThrownBy(() -> new EnvNexusConnector(Map.of("SPIKE_NEXUS_API_URL", "ftp://x")).open())
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("SPIKE_NEXUS_API_URL");
  }

  @Test
  void open_withMissingFiles_namesTheProblem() {
    Map<String, String> env =
        Map.of(
            "SPIKE_SVID_CERT",
            "/nonexistent/a.crt",
            "SPIKE_SVID_KEY",
            "/nonexistent/a.key",
            "SPIKE_TRUST_BUNDLE",
            "/nonexistent/b.pem");

    assertThatThrownBy(() -> new EnvNexusConnector(env).open())
        .isInstanceOf(CliFailure.class)
        .hasMessageStartingWith("cannot load the SPIFFE identity");
  }

  @Test
  void open_withDevSvid_knowsWhoWeAre_andWhere() {
    try (NexusSession session =
        new EnvNexusConnector(svidEnv("SPIKE_NEXUS_API_URL", "https://127.0.0.1:9")).open()) {
      assertThat(session.caller()).isEqualTo("spiffe://spike.ist/spike/pilot/role/superuser");
      assertThat(session.url()).isEqualTo(URI.create("https://127.0.0.1:9"));
    }
  }

  @Test
  void open_withOtherTrustRoot_refuses() {
    assertThatThrownBy(() -> new EnvNexusConnector(svidEnv("SPIKE_TRUST_ROOT", "other.org")).open())
        .isInstanceOf(CliFailure.class)
        .hasMessage(
            "the SVID is for trust domain spike.ist but SPIKE_TRUST_ROOT is other.org;"
                + " set SPIKE_TRUST_ROOT=spike.ist or unset it");
  }
}
