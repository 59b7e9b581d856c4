package io.spike.nexus.secrets;

import io.spike.nexus.refusal.Refusal;
import io.spike.store.SpikeStore;
import java.util.function.LongSupplier;

/**
 * The configured maximum number of secret paths ({@code SPIKE_NEXUS_MAX_SECRET_PATHS}; 0: none),
 * checked before a put creates a new path, so that a workload allowed to write under a prefix
 * cannot fill the disk with paths.
 *
 * <p>Counting the paths on every new one would cost a scan of the secrets table per put; the count
 * is kept here, refreshed from the store at most once a second, and on every check once it is
 * within {@value #EXACT_MARGIN} of the limit. Replicas therefore overshoot the limit by at most a
 * second's worth of new paths, and only far from it.
 */
final class PathBudget {
  static final long EXACT_MARGIN = 1000;
  private static final long REFRESH_NANOS = 1_000_000_000L;

  private final long max;
  private final LongSupplier count;
  private final LongSupplier clock;
  private long known = -1;
  private long countedAt;

  PathBudget(SpikeStore store, long max) {
    this(max, store::secretCount, System::nanoTime);
  }

  PathBudget(long max, LongSupplier count, LongSupplier clock) {
    this.max = max;
    this.count = count;
    this.clock = clock;
  }

  /** Throws {@link Refusal#limitReached} when one more path would exceed the limit. */
  synchronized void checkNewPath() {
    if (max == 0) {
      return;
    }
    long now = clock.getAsLong();
    if (known < 0 || now - countedAt >= REFRESH_NANOS || known >= max - EXACT_MARGIN) {
      known = count.getAsLong();
      countedAt = now;
    }
    if (known >= max) {
      throw Refusal.limitReached(
          "the store holds "
              + known
              + " secret paths, the most allowed"
              + " (SPIKE_NEXUS_MAX_SECRET_PATHS="
              + max
              + "); write to an existing path, delete paths, or raise the limit");
    }
  }

  /** A new path was created. */
  synchronized void created() {
    if (known >= 0) {
      known++;
    }
  }
}
