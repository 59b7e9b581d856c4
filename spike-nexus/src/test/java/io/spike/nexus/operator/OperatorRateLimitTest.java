package io.spike.nexus.operator;

import static io.spike.nexus.ApiAssertions.assertRefusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.identity.SpiffeId;
import io.spike.nexus.TestClock;
import io.spike.nexus.refusal.Refusal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OperatorRateLimitTest {
  private final TestClock clock = new TestClock();
  private final OperatorRateLimit limit = OperatorRateLimit.perMinute(clock);
  private final SpiffeId restore = SpiffeId.parse("spiffe://spike.ist/spike/pilot/role/restore");
  private final SpiffeId other =
      SpiffeId.parse("spiffe://spike.ist/spike/pilot/role/restore/second");

  private void callTimes(SpiffeId caller, int n) {
    for (int i = 0; i < n; i++) {
      limit.check(caller);
    }
  }

  @Test
  void check_21stCallWithinAMinute_is429() {
    callTimes(restore, 20);

    Refusal refusal =
        assertRefusal(
            () -> limit.check(restore), Refusal.Kind.TOO_MANY, "more than 20", "retry in 60 s");
    assertThat(refusal.retryAfter()).isPresent();
  }

  @Test
  void check_countsPerIdentity() {
    callTimes(restore, 20);

    callTimes(other, 20);
    assertThatThrownBy(() -> limit.check(other)).isInstanceOf(Refusal.class);
  }

  @Test
  void check_slidingWindow_freesCallsAsTheyAge() {
    callTimes(restore, 10);
    clock.advance(Duration.ofSeconds(30));
    callTimes(restore, 10);
    assertThatThrownBy(() -> limit.check(restore)).isInstanceOf(Refusal.class);

    clock.advance(Duration.ofSeconds(30));
    callTimes(restore, 10);
    assertThatThrownBy(() -> limit.check(restore))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("retry in 30 s");
  }

  @Test
  void check_refusedCallsAreNotCounted() {
    callTimes(restore, 20);
    for (int i = 0; i < 50; i++) {
      assertThatThrownBy(() -> limit.check(restore)).isInstanceOf(Refusal.class);
    }

    clock.advance(Duration.ofSeconds(61));
    callTimes(restore, 20);
  }

  @Test
  void constructor_rejectsNonsense() {
    assertThatThrownBy(() -> new OperatorRateLimit(0, Duration.ofMinutes(1), clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OperatorRateLimit(1, Duration.ZERO, clock))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
