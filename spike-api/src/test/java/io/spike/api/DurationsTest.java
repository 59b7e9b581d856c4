package io.spike.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void parse_acceptsEachUnit() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse(" 1h ")).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void parse_refusesOtherForms() {
    for (String bad : List.of("", "5", "5 m", "-5s", "1d", "1.5s", "s", "PT5S")) {
      assertThatThrownBy(() -> Durations.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("500ms");
    }
  }

  @Test
  void format_roundTrips() {
    for (String s : List.of("250ms", "2s", "5m", "1h", "90s")) {
      assertThat(Durations.format(Durations.parse(s))).isEqualTo(s);
    }
  }
}
