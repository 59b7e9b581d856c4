package io.spike.nexus.operator;

import io.spike.nexus.refusal.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Backoff after wrong escrow passwords, for the whole Nexus process (not per caller: an attacker
 * holding the restore role could mint identities). After the k-th wrong password in a row, any
 * attempt within 2^(k-1) s (capped at {@value #CAP_SECONDS} s) is refused with 429 {@code
 * api_rate_limited} before any password is tried. A right password resets. Thread-safe.
 */
public final class PasswordAttempts {
  static final long CAP_SECONDS = 300;

  private final Clock clock;
  private int failures;
  private Instant retryAt = Instant.MIN;

  public PasswordAttempts(Clock clock) {
    this.clock = clock;
  }

  /**
   * Refuses while the backoff after the last wrong password runs.
   *
   * @throws Refusal 429 naming the seconds left
   */
  public synchronized void checkAllowed() {
    Duration left = Duration.between(clock.instant(), retryAt);
    if (!left.isNegative() && !left.isZero()) {
      long seconds = Math.max(1, (left.toMillis() + 999) / 1000);
      throw Refusal.tooMany(
          "too many wrong passwords; retry in " + seconds + " s", Duration.ofSeconds(seconds));
    }
  }

  /** Records a wrong password; returns the wait before the next attempt. */
  public synchronized Duration failed() {
    failures++;
    Duration wait =
        Duration.ofSeconds(
            failures > 9 ? CAP_SECONDS : Math.min(CAP_SECONDS, 1L << (failures - 1)));
    retryAt = clock.instant().plus(wait);
    return wait;
  }

  /** Wrong passwords in a row so far. */
  public synchronized int failures() {
    return failures;
  }

  /** A right password: no backoff. */
  public synchronized void succeeded() {
    failures = 0;
    retryAt = Instant.MIN;
  }
}
