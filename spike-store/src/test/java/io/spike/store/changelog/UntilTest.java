package io.spike.store.changelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.store.Change;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UntilTest {

  private static final Change FIVE_AT_FIVE = Fixtures.change(5); // recorded at second 5

  @Test
  void end_includesEverything() {
    assertThat(Until.end().includes(FIVE_AT_FIVE)).isTrue();
  }

  @Test
  void time_includesChangesRecordedAtOrBeforeIt() {
    assertThat(Until.time(Instant.ofEpochSecond(5)).includes(FIVE_AT_FIVE)).isTrue();
    assertThat(Until.time(Instant.ofEpochMilli(4_999)).includes(FIVE_AT_FIVE)).isFalse();
    assertThat(Until.time(Instant.ofEpochSecond(6)).includes(FIVE_AT_FIVE)).isTrue();
  }

  @Test
  void change_includesChangesUpToIt() {
    assertThat(Until.change(5).includes(FIVE_AT_FIVE)).isTrue();
    assertThat(Until.change(4).includes(FIVE_AT_FIVE)).isFalse();
    assertThatThrownBy(() -> Until.change(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Until.time(null)).isInstanceOf(NullPointerException.class);
  }
}
