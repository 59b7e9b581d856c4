package io.spike.nexus.operator;

import io.spike.identity.SpiffeId;
import io.spike.nexus.refusal.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * At most {@code maxCalls} accepted calls per SPIFFE ID in any sliding {@code window}, over every
 * route that shares this instance (restore, unseal and recover). A refused call is not counted, so
 * a caller that keeps hammering gets through again once its older calls leave the window. Refusal
 * is 429 {@code api_rate_limited}. Thread-safe.
 */
public final class OperatorRateLimit {
  /** Calls a minute allowed to one identity. */
  public static final int MAX_CALLS_PER_MINUTE = 20;

  private static final int PRUNE_ABOVE = 256;

  private final int maxCalls;
  private final Duration window;
  private final Clock clock;
  private final Map<SpiffeId, Deque<Instant>> calls = new HashMap<>();

  public OperatorRateLimit(int maxCalls, Duration window, Clock clock) {
    if (maxCalls < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("rate limit needs maxCalls >= 1 and a positive window");
    }
    this.maxCalls = maxCalls;
    this.window = window;
    this.clock = clock;
  }

  /** The DESIGN's limit: 20 calls a minute. */
  public static OperatorRateLimit perMinute(Clock clock) {
    return new OperatorRateLimit(MAX_CALLS_PER_MINUTE, Duration.ofMinutes(1), clock);
  }

  /**
   * Counts a call from {@code caller}.
   *
   * @throws Refusal 429 when the caller already made {@code maxCalls} calls within the window
   */
  public synchronized void check(SpiffeId caller) {
    Instant now = clock.instant();
    Instant cutoff = now.minus(window);
    if (calls.size() > PRUNE_ABOVE) {
      calls.values().removeIf(times -> prune(times, cutoff).isEmpty());
    }
    Deque<Instant> times = prune(calls.computeIfAbsent(caller, id -> new ArrayDeque<>()), cutoff);
    if (times.size() >= maxCalls) {
      long seconds =
          Math.max(
              1, (Duration.between(now, times.peekFirst().plus(window)).toMillis() + 999) / 1000);
      throw Refusal.tooMany(
          "more than "
              + maxCalls
              + " operator calls in "
              + window.toSeconds()
              + " s from this identity; retry in "
              + seconds
              + " s",
          Duration.ofSeconds(seconds));
    }
    times.addLast(now);
  }

  private static Deque<Instant> prune(Deque<Instant> times, Instant cutoff) {
    while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
      times.removeFirst();
    }
    return times;
  }
}
