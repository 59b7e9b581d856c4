package io.spike.nexus.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void next_doublesWithJitter_andCapsAtMax() {
    Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5), new Random(1));
    long[] steps = {500, 1000, 2000, 4000, 5000, 5000, 5000};
    for (long step : steps) {
      long wait = backoff.next().toMillis();
      assertThat(wait).isBetween(step / 2, step);
    }
  }

  @Test
  void next_isJittered() {
    Backoff a = new Backoff(Duration.ofMillis(1000), Duration.ofSeconds(5), new Random(1));
    Backoff b = new Backoff(Duration.ofMillis(1000), Duration.ofSeconds(5), new Random(2));
    boolean differ = false;
    for (int i = 0; i < 5; i++) {
      differ |= !a.next().equals(b.next());
    }
    assertThat(differ).isTrue();
  }

  @Test
  void reset_startsOver() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), new Random(3));
    for (int i = 0; i < 6; i++) {
      backoff.next();
    }
    backoff.reset();
    assertThat(backoff.next().toMillis()).isBetween(50L, 100L);
  }

  @Test
  void invalid_isRefused() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new Random()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new Random()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
