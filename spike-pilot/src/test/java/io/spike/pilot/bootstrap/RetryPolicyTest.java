package io.spike.pilot.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void delayAfter_doublesUpToTheCap() {
    RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(250), Duration.ofSeconds(2));

    assertThat(p.delayAfter(1)).isEqualTo(Duration.ofMillis(250));
    assertThat(p.delayAfter(2)).isEqualTo(Duration.ofMillis(500));
    assertThat(p.delayAfter(4)).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.delayAfter(9)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void totalWait_isBounded() {
    assertThat(Bootstrap.KEEPER.totalWait())
        .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(70));
    assertThat(BootstrapVerifier.VERIFY.totalWait())
        .isBetween(Duration.ofSeconds(55), Duration.ofSeconds(90));
  }

  @Test
  void constructor_refusesNonsense() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
