package io.spike.pilot.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.config.SettingException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BootstrapConfigTest {

  @Test
  void defaults_areTheDevCluster() {
    BootstrapConfig c = BootstrapConfig.fromEnvironment(Map.of());

    assertThat(c.shares()).isEqualTo(3);
    assertThat(c.threshold()).isEqualTo(2);
    assertThat(c.nexus()).isEqualTo(URI.create("https://localhost:8553"));
    assertThat(c.keepers())
        .containsExactly(
            URI.create("https://localhost:8443"),
            URI.create("https://localhost:8543"),
            URI.create("https://localhost:8643"));
  }

  @Test
  void peers_areReadInOrder() {
    BootstrapConfig c =
        BootstrapConfig.fromEnvironment(
            Map.of(
                "SPIKE_NEXUS_KEEPER_PEERS",
                "https://k2:1, https://k1:1",
                "SPIKE_NEXUS_SHAMIR_SHARES",
                "2",
                "SPIKE_NEXUS_SHAMIR_THRESHOLD",
                "1"));

    assertThat(c.keepers()).containsExactly(URI.create("https://k2:1"), URI.create("https://k1:1"));
  }

  @Test
  void badSettings_areUsageErrors() {
    assertThatThrownBy(
            () -> BootstrapConfig.fromEnvironment(Map.of("SPIKE_NEXUS_SHAMIR_SHARES", "three")))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("whole number");
    assertThatThrownBy(
            () ->
                BootstrapConfig.fromEnvironment(
                    Map.of("SPIKE_NEXUS_KEEPER_PEERS", "http://k:1,https://k:2,https://k:3")))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("https");
    assertThatThrownBy(
            () -> BootstrapConfig.fromEnvironment(Map.of("SPIKE_NEXUS_SHAMIR_THRESHOLD", "0")))
        .isInstanceOf(SettingException.class);
  }
}
