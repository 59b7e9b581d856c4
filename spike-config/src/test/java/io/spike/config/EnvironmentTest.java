package io.spike.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

  @Test
  void unsetOrBlank_givesTheDefault() {
    Environment env = Environment.of(Map.of(Settings.NEXUS_TLS_PORT.name(), "  "));
    assertThat(env.get(Settings.NEXUS_TLS_PORT)).isEqualTo(8553);
    assertThat(env.isSet(Settings.NEXUS_TLS_PORT)).isFalse();
    assertThat(env.find(Settings.BACKUP_DIR)).isEmpty();
  }

  @Test
  void noDefault_andUnset_isASettingException() {
    assertThatThrownBy(() -> Environment.of(Map.of()).get(Settings.SVID_CERT))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("SPIKE_SVID_CERT is not set");
  }

  @Test
  void isFrozen_laterChangesAreNotSeen() {
    Map<String, String> source = new HashMap<>(Map.of(Settings.SHAMIR_SHARES.name(), "5"));
    Environment env = Environment.of(source);
    source.put(Settings.SHAMIR_SHARES.name(), "7");
    assertThat(env.get(Settings.SHAMIR_SHARES)).isEqualTo(5);
  }

  @Test
  void upstreamAlias_isReadWhenOursIsUnset_andOursWins() {
    String alias = Settings.KEEPER_PEERS.aliases().get(0);
    assertThat(Environment.of(Map.of(alias, "https://a:1")).get(Settings.KEEPER_PEERS))
        .containsExactly(URI.create("https://a:1"));
    Environment both =
        Environment.of(Map.of(alias, "https://a:1", Settings.KEEPER_PEERS.name(), "https://b:2"));
    assertThat(both.get(Settings.KEEPER_PEERS)).isEqualTo(List.of(URI.create("https://b:2")));
  }

  @Test
  void toString_showsNamesOnly() {
    Environment env =
        Environment.of(Map.of(Settings.DB_URL.name(), "jdbc:postgresql://x?password=p"));
    assertThat(env.toString()).contains("SPIKE_NEXUS_DB_URL").doesNotContain("password");
  }
}
