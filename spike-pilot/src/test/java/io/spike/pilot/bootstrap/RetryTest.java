package io.spike.pilot.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {
  private final List<Duration> sleeps = new ArrayList<>();
  private final Retry retry = new Retry(sleeps::add);
  private final RetryPolicy policy =
      new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(10));

  @Test
  void run_retriesTransientFailures_untilSuccess() {
    AtomicInteger calls = new AtomicInteger();

    String result =
        retry.run(
            policy,
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("again");
              }
              return "ok";
            },
            e -> true);

    assertThat(result).isEqualTo("ok");
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void run_rethrowsPermanentFailures_atOnce_andTheLastOne() {
    assertThatThrownBy(
            () ->
                retry.run(
                    policy,
                    () -> {
                      throw new IllegalStateException("no");
                    },
                    e -> false))
        .hasMessage("no");
    assertThat(sleeps).isEmpty();

    assertThatThrownBy(
            () ->
                retry.run(
                    policy,
                    () -> {
                      throw new IllegalStateException("still");
                    },
                    e -> true))
        .hasMessage("still");
    assertThat(sleeps).hasSize(2);
  }
}
