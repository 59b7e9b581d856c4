package io.spike.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void namesAndAliases_areUnique() {
    assertThat(Settings.allNames()).doesNotHaveDuplicates();
    Settings.UPSTREAM_UNSUPPORTED
        .values()
        .forEach(names -> assertThat(names).doesNotContainAnyElementsOf(Settings.allNames()));
  }

  @Test
  void everyDefault_parsesBackToItself() {
    for (Setting<?> s : Settings.ALL) {
      s.defaultValue()
          .ifPresent(v -> assertThat(s.parse(s.defaultText())).as(s.name()).isEqualTo(v));
    }
  }

  @Test
  void defaultKeeperPeers_followTheOneFormula() {
    assertThat(Settings.defaultKeeperPeers(3))
        .containsExactly(
            URI.create("https://localhost:8443"),
            URI.create("https://localhost:8543"),
            URI.create("https://localhost:8643"));
    assertThat(Settings.defaultKeeperPort(5)).isEqualTo(8843);
  }

  @Test
  void named_findsByNameAndAlias() {
    assertThat(Settings.named("SPIKE_NEXUS_TLS_PORT")).contains(Settings.NEXUS_TLS_PORT);
    assertThat(Settings.named(Settings.KEEPER_PEERS.aliases().get(0)))
        .contains(Settings.KEEPER_PEERS);
    assertThat(Settings.named("SPIKE_NOPE")).isEmpty();
  }
}
