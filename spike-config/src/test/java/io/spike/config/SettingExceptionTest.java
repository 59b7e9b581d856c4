package io.spike.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SettingExceptionTest {

  @Test
  void badValue_namesVariableProblemAndForm() {
    assertThatThrownBy(() -> Settings.NEXUS_TLS_PORT.parse("eighty"))
        .isInstanceOf(SettingException.class)
        .hasMessage(
            "SPIKE_NEXUS_TLS_PORT='eighty' is not a whole number; expected "
                + Settings.NEXUS_TLS_PORT.parser().expected());
  }

  @Test
  void secretSetting_neverShowsTheValue_seeded() {
    Setting<Integer> secret =
        Setting.of("SPIKE_TEST_SECRET", Parser.integer(1, 9))
            .readBy(Component.DEV)
            .secret()
            .help("a test secret");
    Random random = new Random(7);
    for (int i = 0; i < 100; i++) {
      String value = "hunter" + random.nextInt(1_000_000);
      assertThatThrownBy(() -> secret.parse(value))
          .isInstanceOf(SettingException.class)
          .hasMessageContaining("SPIKE_TEST_SECRET")
          .hasMessageContaining("(value not shown)")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(value));
    }
  }

  @Test
  void dbUrl_isSecret() {
    assertThat(Settings.DB_URL.secret()).isTrue();
  }

  @Test
  void longValues_areCut() {
    String value = "x".repeat(500);
    assertThatThrownBy(() -> Settings.SHAMIR_SHARES.parse(value))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(value).contains("..."));
  }
}
