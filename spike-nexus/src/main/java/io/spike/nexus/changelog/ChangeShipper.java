package io.spike.nexus.changelog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.spike.crypto.SecretBytes;
import io.spike.nexus.Periodic;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.barrier.SealedException;
import io.spike.store.Change;
import io.spike.store.ChangeLogPosition;
import io.spike.store.SpikeStore;
import io.spike.store.StoreLease;
import io.spike.store.changelog.ChainState;
import io.spike.store.changelog.ChangeLogException;
import io.spike.store.changelog.ChangeLogFormat;
import io.spike.store.changelog.ChangeLogReader;
import io.spike.store.changelog.ChangeSegments;
import io.spike.store.target.BackupTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships the store's change log ({@link SpikeStore#changesAfter}) to the backup target, every {@code
 * SPIKE_NEXUS_CHANGELOG_INTERVAL} while unsealed.
 *
 * <p>Exactly one shipper works among replicas sharing a store: each round first takes (or keeps)
 * the store lease {@value #LEASE}; a replica without it only updates its lag meter. On taking the
 * lease the shipper resumes from the target: the last segment's end ({@link ChangeLogReader#tail}),
 * and forgets the store's rows through it, so a crash between writing a segment and forgetting its
 * rows neither loses nor duplicates a change. Then it writes segments of up to {@value #BATCH}
 * changes ({@link ChangeSegments#write}, HMAC key derived from the root key with {@link
 * ChangeLogFormat#HMAC_LABEL} and wiped after the round) and forgets each one's rows once it is
 * written, until the store holds no unshipped change. Sealing releases the lease; {@link #close}
 * makes one last attempt, so a graceful shutdown ships what is committed.
 *
 * <p>Root rotation: segments are written with the key of the moment, so a log's HMAC chain spans
 * keys across a rotation and a point-in-time restore (which derives the key from the current
 * shards) verifies only segments written after it: take a snapshot after rotating the root key.
 * After a restart past a rotation the last segment no longer verifies under the new key; the
 * shipper then resumes from its SHA-256 chain alone and says so.
 *
 * <p>A failure (target unreachable, store error, refused segment) is logged at WARN naming the
 * target without credentials, counted, and retried the next round from the target's tail.
 *
 * <p>Meters (Prometheus names): {@code spike_changelog_lag_seconds} (age of the oldest unshipped
 * change, 0 when none), {@code spike_changelog_last_shipped_timestamp_seconds} (0 before the
 * first), {@code spike_changelog_ship_failures_total}, {@code spike_changelog_interval_seconds}.
 */
public final class ChangeShipper implements AutoCloseable {

  /** The store lease only one shipper holds. */
  static final String LEASE = "changelog-shipper";

  /** At most this many changes per segment. */
  static final int BATCH = 10_000;

  /** Without a target, how often recorded changes are dropped (at least every interval). */
  static final Duration DISCARD_EVERY = Duration.ofSeconds(10);

  /** Body bytes per segment, well below {@link ChangeLogFormat#MAX_SEGMENT_BYTES}. */
  static final long SEGMENT_BODY_BYTES = ChangeLogFormat.MAX_SEGMENT_BYTES / 2;

  private static final Logger LOG = LoggerFactory.getLogger(ChangeShipper.class);

  private final Optional<BackupTarget> target;
  private final Duration interval;
  private final SpikeStore store;
  private final Barrier barrier;
  private final Clock clock;
  private final Counter failures;
  private StoreLease lease;
  private String logId;
  private ChainState shipped;
  private volatile Instant lastShipped;
  private volatile double lagSeconds;
  private Periodic schedule;
  private boolean closed;

  /**
   * @param target where segments go; empty: shipping is off (the meters exist, at zero)
   * @param interval time between rounds
   */
  public ChangeShipper(
      Optional<BackupTarget> target,
      Duration interval,
      SpikeStore store,
      Barrier barrier,
      Clock clock,
      MeterRegistry registry) {
    this.target = Objects.requireNonNull(target, "target");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.store = Objects.requireNonNull(store, "store");
    this.barrier = Objects.requireNonNull(barrier, "barrier");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.failures =
        Counter.builder("spike.changelog.ship.failures")
            .description("change-log shipments that failed")
            .register(registry);
    Gauge.builder("spike.changelog.lag.seconds", this, shipper -> shipper.lagSeconds)
        .description("age of the oldest change not yet shipped (0 when none)")
        .register(registry);
    Gauge.builder(
            "spike.changelog.last.shipped.timestamp.seconds",
            this,
            ChangeShipper::lastShippedSeconds)
        .description(
            "when a change-log segment was last shipped (unix seconds; 0 before the first)")
        .register(registry);
    Gauge.builder("spike.changelog.interval.seconds", interval, i -> i.toMillis() / 1000.0)
        .description("configured time between change-log shipments")
        .register(registry);
  }

  /** Starts the rounds (the first one interval from now); does nothing when shipping is off. */
  public synchronized void start() {
    if (schedule != null || closed) {
      throw new IllegalStateException("already started or closed");
    }
    if (target.isEmpty()) {
      // Nothing ships, so nothing would ever forget the recorded changes: drop them instead, or
      // the store would grow by every write's ciphertext.
      Duration every = interval.compareTo(DISCARD_EVERY) > 0 ? interval : DISCARD_EVERY;
      schedule = new Periodic("changelog-discard", every, this::discardUnshipped, this::crashed);
      schedule.start();
      LOG.info("change-log shipping is off (no backup target); recorded changes are dropped");
      return;
    }
    schedule = new Periodic("changelog-shipper", interval, this::runOnce, this::crashed);
    schedule.start();
    LOG.info(
        "shipping the change log to {} every {}",
        target.get().describe(),
        io.spike.api.Durations.format(interval));
  }

  /**
   * Without a target: forgets every recorded change of the store's current log, so the outbox does
   * not grow. Failures are logged and retried next time.
   */
  void discardUnshipped() {
    try {
      ChangeLogPosition at = store.changeLog();
      store.forgetChangesThrough(at.logId(), at.lastSeq());
    } catch (RuntimeException e) {
      LOG.warn("dropping the unshipped changes failed: {}", reason(e));
    }
  }

  /** When a segment was last written by this shipper, if any. */
  public Optional<Instant> lastShipped() {
    return Optional.ofNullable(lastShipped);
  }

  /** One round now, on the calling thread (the schedule calls this; so can tests). */
  synchronized Outcome runOnce() {
    BackupTarget to = target.orElseThrow(() -> new IllegalStateException("shipping is off"));
    try {
      return ship(to);
    } catch (SealedException e) {
      release();
      return new Outcome.Skipped();
    } catch (RuntimeException e) {
      failures.increment();
      shipped = null; // resume from the target's tail next round
      LOG.warn(
          "shipping the change log to {} failed: {}; next attempt in {}",
          to.describe(),
          reason(e),
          io.spike.api.Durations.format(interval));
      LOG.debug("change-log shipment failure", e);
      return new Outcome.Failed(reason(e));
    } finally {
      updateLag();
    }
  }

  private Outcome ship(BackupTarget to) {
    if (barrier.isSealed()) {
      release();
      return new Outcome.Skipped();
    }
    if (lease == null || !lease.held()) {
      release();
      Optional<StoreLease> taken = store.tryLease(LEASE);
      if (taken.isEmpty()) {
        return new Outcome.NotShipper();
      }
      lease = taken.get();
      LOG.info("this nexus ships the change log to {}", to.describe());
    }
    byte[] key =
        barrier.withRootKey(
            root -> root.deriveKey(ChangeLogFormat.HMAC_LABEL, ChangeLogFormat.HMAC_KEY_BYTES));
    try {
      ChangeLogPosition position = store.changeLog();
      if (shipped == null || !position.logId().equals(logId)) {
        logId = position.logId();
        shipped = resume(to, logId, key);
        if (shipped.lastSeq() > 0) {
          store.forgetChangesThrough(shipped.lastSeq());
        }
      }
      long segments = 0;
      long changes = 0;
      while (lease.held()) {
        List<Change> batch = store.changesAfter(shipped.lastSeq(), BATCH);
        if (batch.isEmpty()) {
          break;
        }
        for (List<Change> segment : split(batch)) {
          shipped = ChangeSegments.write(to, logId, shipped, segment, key);
          store.forgetChangesThrough(shipped.lastSeq());
          lastShipped = clock.instant();
          segments++;
          changes += segment.size();
        }
        if (batch.size() < BATCH) {
          break;
        }
      }
      if (segments > 0) {
        LOG.debug(
            "shipped {} change(s) in {} segment(s) of log {} through change {}",
            changes,
            segments,
            logId,
            shipped.lastSeq());
      }
      return new Outcome.Shipped(logId, shipped.lastSeq(), changes);
    } finally {
      SecretBytes.wipe(key);
    }
  }

  /**
   * Where log {@code id} ends at the target; after a root rotation the last segment no longer
   * verifies under the new key, and its SHA-256 chain alone is trusted.
   */
  private static ChainState resume(BackupTarget to, String id, byte[] key) {
    try {
      return ChangeLogReader.tail(to, id, key).orElse(ChainState.initial());
    } catch (ChangeLogException e) {
      ChainState tail = ChangeLogReader.tail(to, id, null).orElse(ChainState.initial());
      LOG.warn(
          "the last segment of change log {} at {} does not verify under the current root key (was"
              + " it rotated?); continuing the log from its SHA-256 chain: take a snapshot, a"
              + " point-in-time restore verifies only segments written after the rotation",
          id,
          to.describe());
      return tail;
    }
  }

  /** Cuts a batch into segments whose bodies stay below {@link #SEGMENT_BODY_BYTES}. */
  static List<List<Change>> split(List<Change> batch) {
    List<List<Change>> segments = new ArrayList<>();
    int from = 0;
    long bytes = 0;
    for (int i = 0; i < batch.size(); i++) {
      long size = batch.get(i).body().length + 64L;
      if (i > from && bytes + size > SEGMENT_BODY_BYTES) {
        segments.add(batch.subList(from, i));
        from = i;
        bytes = 0;
      }
      bytes += size;
    }
    segments.add(batch.subList(from, batch.size()));
    return segments;
  }

  private void updateLag() {
    try {
      List<Change> oldest = store.changesAfter(0, 1);
      lagSeconds =
          oldest.isEmpty()
              ? 0
              : Math.max(0, Duration.between(oldest.get(0).at(), clock.instant()).toMillis())
                  / 1000.0;
    } catch (RuntimeException e) {
      LOG.debug("cannot read the oldest unshipped change", e);
    }
  }

  private void crashed(Throwable unexpected) {
    failures.increment();
    LOG.error("change-log shipment failed unexpectedly", unexpected);
  }

  private double lastShippedSeconds() {
    Instant at = lastShipped;
    return at == null ? 0 : at.toEpochMilli() / 1000.0;
  }

  private void release() {
    if (lease != null) {
      lease.close();
      lease = null;
      shipped = null;
    }
  }

  private static String reason(RuntimeException e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }

  /**
   * Stops the rounds, makes one last shipment attempt while unsealed, releases the lease and closes
   * the target. Idempotent.
   */
  @Override
  public void close() {
    Periodic running;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      running = schedule;
      schedule = null;
    }
    if (running != null) {
      running.close(); // outside the lock: a round under way finishes first
    }
    if (target.isEmpty()) {
      return;
    }
    synchronized (this) {
      if (running != null) {
        runOnce();
      }
      release();
      target.get().close();
    }
  }

  /** What one round did. */
  sealed interface Outcome {
    /** This shipper holds the lease; {@code changes} were shipped, log now ends at {@code seq}. */
    record Shipped(String logId, long seq, long changes) implements Outcome {}

    /** Another replica holds the lease. */
    record NotShipper() implements Outcome {}

    /** Sealed: nothing shipped, not a failure. */
    record Skipped() implements Outcome {}

    /** Nothing (more) shipped; counted and logged. */
    record Failed(String reason) implements Outcome {}
  }
}
