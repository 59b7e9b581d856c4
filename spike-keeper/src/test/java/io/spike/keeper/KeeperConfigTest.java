package io.spike.keeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KeeperConfigTest {

  @Test
  void defaults_matchDesign() {
    KeeperConfig config = KeeperConfig.fromEnvironment(Map.<String, String>of()::get);
    assertThat(config).isEqualTo(new KeeperConfig("0.0.0.0", 8443, "spike.ist"));
  }

  @Test
  void variables_areHonoured() {
    Map<String, String> env =
        Map.of(
            "SPIKE_KEEPER_TLS_PORT",
            "8543",
            "SPIKE_KEEPER_TLS_ADDR",
            "127.0.0.1",
            "SPIKE_TRUST_ROOT",
            "example.org");
    assertThat(KeeperConfig.fromEnvironment(env::get))
        .isEqualTo(new KeeperConfig("127.0.0.1", 8543, "example.org"));
  }

  @Test
  void badValues_nameTheVariable() {
    assertThatThrownBy(
            () -> KeeperConfig.fromEnvironment(Map.of("SPIKE_KEEPER_TLS_PORT", "99999")::get))
        .hasMessageContaining("SPIKE_KEEPER_TLS_PORT");
    assertThatThrownBy(
            () -> KeeperConfig.fromEnvironment(Map.of("SPIKE_TRUST_ROOT", "Bad Domain")::get))
        .hasMessageContaining("SPIKE_TRUST_ROOT");
  }
}
