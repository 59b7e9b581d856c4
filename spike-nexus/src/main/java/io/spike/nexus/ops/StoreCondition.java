package io.spike.nexus.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.spike.store.SpikeStore;
import io.spike.store.StoreException;
import io.spike.store.StoreFullException;
import io.spike.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What Nexus knows of its backing store's health, for the operations port: whether it can be
 * reached (asked on each {@code /readyz} with one single-row read) and whether it was out of space
 * recently (the last refused write less than {@value #RECENT_SECONDS} s ago; reads keep working, so
 * a full store does not make Nexus unready). Requests that hit either condition report it here
 * ({@link #failed}); {@code /metrics} shows {@code spike_store_unavailable}, {@code
 * spike_store_full} (1 or 0) and {@code spike_store_failures_total{kind}}.
 */
public final class StoreCondition {
  static final long RECENT_SECONDS = 30;

  private final SpikeStore store;
  private final Clock clock;
  private final Counter unavailableFailures;
  private final Counter fullFailures;
  private volatile Instant lastFull;
  private volatile Instant lastUnavailable;

  public StoreCondition(SpikeStore store, Clock clock, MeterRegistry meters) {
    this.store = store;
    this.clock = clock;
    this.unavailableFailures =
        Counter.builder("spike.store.failures")
            .tag("kind", "unavailable")
            .description(
                "requests that failed because the backing store could not be reached or was full")
            .register(meters);
    this.fullFailures =
        Counter.builder("spike.store.failures")
            .tag("kind", "full")
            .description(
                "requests that failed because the backing store could not be reached or was full")
            .register(meters);
    Gauge.builder("spike.store.unavailable", this, c -> c.recently(c.lastUnavailable) ? 1 : 0)
        .description("1 when the backing store could not be reached within the last 30 s")
        .register(meters);
    Gauge.builder("spike.store.full", this, c -> c.recently(c.lastFull) ? 1 : 0)
        .description("1 when a write was refused for lack of space within the last 30 s")
        .register(meters);
  }

  /** A request failed on the store; remembers when, by kind. */
  public void failed(StoreException e) {
    if (e instanceof StoreFullException) {
      lastFull = clock.instant();
      fullFailures.increment();
    } else if (e instanceof StoreUnavailableException) {
      lastUnavailable = clock.instant();
      unavailableFailures.increment();
    }
  }

  /** Why the store cannot serve now (asked with one read), if it cannot. */
  public Optional<String> unreachable() {
    try {
      store.policyGeneration();
      return Optional.empty();
    } catch (StoreException e) {
      failed(e);
      return Optional.of(
          e instanceof StoreUnavailableException ? "store unavailable" : "store failing");
    }
  }

  /** When a write was last refused for lack of space, if within the last 30 s. */
  public Optional<Instant> fullSince() {
    Instant full = lastFull;
    return recently(full) ? Optional.of(full) : Optional.empty();
  }

  private boolean recently(Instant when) {
    return when != null && Duration.between(when, clock.instant()).getSeconds() < RECENT_SECONDS;
  }
}
