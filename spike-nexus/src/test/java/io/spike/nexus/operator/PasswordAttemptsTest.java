package io.spike.nexus.operator;

import static io.spike.nexus.ApiAssertions.assertRefusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.nexus.TestClock;
import io.spike.nexus.refusal.Refusal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PasswordAttemptsTest {
  private final TestClock clock = new TestClock();
  private final PasswordAttempts attempts = new PasswordAttempts(clock);

  @Test
  void noFailures_allowed() {
    assertThatCode(attempts::checkAllowed).doesNotThrowAnyException();
  }

  @Test
  void failed_doublesTheWait_cappedAt300s() {
    assertThat(attempts.failed()).isEqualTo(Duration.ofSeconds(1));
    assertThat(attempts.failed()).isEqualTo(Duration.ofSeconds(2));
    assertThat(attempts.failed()).isEqualTo(Duration.ofSeconds(4));
    for (int i = 0; i < 6; i++) {
      attempts.failed();
    }
    assertThat(attempts.failed()).isEqualTo(Duration.ofSeconds(300));
    for (int i = 0; i < 100; i++) {
      assertThat(attempts.failed()).isEqualTo(Duration.ofSeconds(300));
    }
  }

  @Test
  void checkAllowed_withinTheWait_is429WithSecondsLeft() {
    attempts.failed();
    attempts.failed();

    assertThat(assertRefusal(attempts::checkAllowed, Refusal.Kind.TOO_MANY).getMessage())
        .isEqualTo("too many wrong passwords; retry in 2 s");
    clock.advance(Duration.ofMillis(1500));
    assertThatThrownBy(attempts::checkAllowed).hasMessage("too many wrong passwords; retry in 1 s");
    clock.advance(Duration.ofMillis(500));
    assertThatCode(attempts::checkAllowed).doesNotThrowAnyException();
  }

  @Test
  void succeeded_resets() {
    attempts.failed();
    attempts.failed();
    attempts.failed();

    attempts.succeeded();

    assertThatCode(attempts::checkAllowed).doesNotThrowAnyException();
    assertThat(attempts.failures()).isZero();
    assertThat(attempts.failed()).isEqualTo(Duration.ofSeconds(1));
  }
}
