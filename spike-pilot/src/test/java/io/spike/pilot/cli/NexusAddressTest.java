package io.spike.pilot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.config.SettingException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NexusAddressTest {

  @Test
  void from_defaultsToLocalhost8553() {
    assertThat(NexusAddress.from(Map.of())).isEqualTo(URI.create("https://localhost:8553"));
    assertThat(NexusAddress.from(Map.of("SPIKE_NEXUS_API_URL", " https://nexus:9000 ")))
        .isEqualTo(URI.create("https://nexus:9000"));
  }

  @Test
  void from_refusesNonHttps() {
    assertThatThrownBy(() -> NexusAddress.from(Map.of("SPIKE_NEXUS_API_URL", "http://x:1")))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("is not an https URL");
    assertThatThrownBy(() -> NexusAddress.from(Map.of("SPIKE_NEXUS_API_URL", "https://bad host")))
        .isInstanceOf(SettingException.class);
  }
}
