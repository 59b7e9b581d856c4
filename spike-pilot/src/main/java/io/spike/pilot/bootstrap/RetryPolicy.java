package io.spike.pilot.bootstrap;

import java.time.Duration;

/**
 * A bounded exponential backoff: at most {@code maxAttempts} calls, waiting {@code initial}, then
 * twice that, ... capped at {@code max} between them.
 *
 * @param maxAttempts calls in all, at least 1
 * @param initial the first wait
 * @param max the longest wait
 */
public record RetryPolicy(int maxAttempts, Duration initial, Duration max) {
  public RetryPolicy {
    if (maxAttempts < 1 || initial.isNegative() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need maxAttempts >= 1 and 0 <= initial <= max");
    }
  }

  /** The wait after failed attempt {@code attempt} (1-based). */
  public Duration delayAfter(int attempt) {
    Duration d = initial;
    for (int i = 1; i < attempt && d.compareTo(max) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(max) > 0 ? max : d;
  }

  /** The sum of every wait the policy may make. */
  public Duration totalWait() {
    Duration sum = Duration.ZERO;
    for (int i = 1; i < maxAttempts; i++) {
      sum = sum.plus(delayAfter(i));
    }
    return sum;
  }
}
