package io.spike.nexus.recovery;

import java.time.Duration;
import java.util.Random;

/**
 * Capped exponential backoff with jitter: each {@link #next()} waits a random time between half and
 * all of the current step, then doubles the step up to the cap. {@link #reset()} starts over. Not
 * thread-safe (one sync thread uses it).
 */
final class Backoff {
  private final long initialMillis;
  private final long maxMillis;
  private final Random random;
  private long step;

  Backoff(Duration initial, Duration max, Random random) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < initial <= max");
    }
    this.initialMillis = initial.toMillis();
    this.maxMillis = max.toMillis();
    this.random = random;
    this.step = initialMillis;
  }

  Duration next() {
    long half = Math.max(1, step / 2);
    long wait = half + (long) (random.nextDouble() * (step - half + 1));
    step = Math.min(maxMillis, step * 2);
    return Duration.ofMillis(Math.min(wait, maxMillis));
  }

  void reset() {
    step = initialMillis;
  }
}
