package io.spike.nexus.backup;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.spike.api.Durations;
import io.spike.api.wire.SnapshotVerifyResponse;
import io.spike.api.wire.StatusResponse;
import io.spike.crypto.RootKey;
import io.spike.nexus.NexusConfig;
import io.spike.nexus.Periodic;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.barrier.SealedException;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.Stores;
import io.spike.store.snapshot.SnapshotRestorer;
import io.spike.store.target.BackupTarget;
import io.spike.store.target.SnapshotNames;
import java.nio.file.Path;
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
 * Continuous backup verification, the restore drill that runs without anyone holding recovery
 * shards: every {@code SPIKE_NEXUS_BACKUP_VERIFY_INTERVAL} while unsealed (the first one interval
 * after start), the newest {@code spike-snapshot-<time>.snap} at the backup target (by the time in
 * its name) is downloaded into a private scratch directory (0700, file 0600, both deleted after the
 * round) and checked with this Nexus's own keys: structure, checksums, key check and HMAC signature
 * under the key derived with {@link Snapshots#HMAC_LABEL}; then it is restored into a scratch
 * in-memory store and every record there is decrypted and counted against the snapshot's header
 * ({@link SnapshotVerifier#verify(java.util.function.Consumer)}); then the change log after the
 * snapshot is checked ({@link ChangeLogCheck}; none until one is plugged in). Off when no target is
 * configured.
 *
 * <p>A failure (target unreachable, snapshot damaged, unsigned or signed by another system, a
 * record that does not decrypt, counts that differ from the header, a change log that does not
 * check out; no snapshot at all once one backup interval and a minute have passed since start) is
 * logged at WARN with its reason and counted; the next interval tries again. While sealed a round
 * is skipped.
 *
 * <p>Meters (Prometheus names): {@code spike_backup_verified_timestamp_seconds} (when the last
 * verification succeeded; 0 before the first), {@code spike_backup_verify_failures_total}, {@code
 * spike_backup_verify_interval_seconds} (the configured interval; 0 when off), {@code
 * spike_backup_verify_duration_seconds} (successful rounds). {@link #lastVerified} feeds {@code
 * /v1/sys/status}.
 *
 * <p>Security promise: reasons name snapshots, sections, paths and policy names, never a value; the
 * copy of the root key is destroyed after each round, the snapshot's keyring too ({@link
 * SnapshotVerifier}), and the scratch store holds ciphertext only.
 */
public final class BackupVerifier implements AutoCloseable {
  /**
   * How long after one backup interval from start an empty target is still not a failure: the first
   * scheduled backup may land after the first verification looked.
   */
  static final Duration FIRST_BACKUP_GRACE = Duration.ofMinutes(1);

  /** At most this many problems of one round are logged; the rest are counted. */
  static final int LOGGED_PROBLEMS = 5;

  private static final Logger LOG = LoggerFactory.getLogger(BackupVerifier.class);

  private final NexusConfig.Backups config;
  private final Optional<BackupTarget> target;
  private final Barrier barrier;
  private final Clock clock;
  private final ChangeLogCheck changeLog;
  private final Instant started;
  private final Counter failures;
  private final Timer duration;
  private final Periodic schedule;
  private volatile StatusResponse.VerifiedBackup lastVerified;

  /**
   * A verifier of the backups at {@code config.targetUrl()}, with the change-log step {@code
   * changeLog} ({@link ChangeLogCheck#NONE} while there is no change log).
   *
   * @throws io.spike.config.SettingException when the target URL is not usable
   */
  public BackupVerifier(
      NexusConfig.Backups config,
      Barrier barrier,
      Clock clock,
      MeterRegistry registry,
      ChangeLogCheck changeLog) {
    this.config = config;
    this.target = ConfiguredTarget.open(config);
    this.barrier = barrier;
    this.clock = clock;
    this.changeLog = Objects.requireNonNull(changeLog, "changeLog");
    this.started = clock.instant();
    this.failures =
        Counter.builder("spike.backup.verify.failures")
            .description("backup verifications that failed")
            .register(registry);
    this.duration =
        Timer.builder("spike.backup.verify.duration")
            .description("time to download, check, restore and decrypt the newest backup")
            .register(registry);
    Gauge.builder(
            "spike.backup.verified.timestamp.seconds", this, BackupVerifier::lastVerifiedSeconds)
        .description("when the newest backup last verified (unix seconds; 0 before the first)")
        .register(registry);
    Gauge.builder(
            "spike.backup.verify.interval.seconds",
            this,
            v -> v.target.isPresent() ? v.config.verifyInterval().toMillis() / 1000.0 : 0)
        .description("the configured time between backup verifications (seconds; 0 when off)")
        .register(registry);
    this.schedule =
        new Periodic("backup-verifier", config.verifyInterval(), this::runOnce, this::crashed);
  }

  /**
   * Starts the schedule (the first verification one interval from now); does nothing when no target
   * is configured.
   */
  public void start() {
    if (target.isEmpty()) {
      LOG.debug("backup verification is off: no backup target");
      return;
    }
    schedule.start();
    LOG.info(
        "verifying the newest backup at {} every {}",
        target.get().describe(),
        Durations.format(config.verifyInterval()));
  }

  /** The last successful verification: when, and which snapshot. */
  public Optional<StatusResponse.VerifiedBackup> lastVerified() {
    return Optional.ofNullable(lastVerified);
  }

  /** One round now, on the calling thread (the schedule calls this; so can tests). */
  Outcome runOnce() {
    BackupTarget from =
        target.orElseThrow(() -> new IllegalStateException("backup verification is off"));
    if (barrier.isSealed()) {
      LOG.debug("sealed: backup verification skipped");
      return new Outcome.Skipped();
    }
    long startedNanos = System.nanoTime();
    String name;
    List<String> problems;
    try {
      Optional<String> newest = SnapshotNames.newest(from);
      if (newest.isEmpty()) {
        return nothingToVerify(from);
      }
      name = newest.get();
      problems = check(from, name);
    } catch (SealedException e) {
      LOG.debug("sealed while verifying: backup verification skipped");
      return new Outcome.Skipped();
    } catch (RuntimeException e) {
      LOG.debug("backup verification failure", e);
      return failed(List.of(reason(e)));
    }
    if (!problems.isEmpty()) {
      return failed(problems.stream().map(problem -> name + ": " + problem).toList());
    }
    Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
    duration.record(took);
    lastVerified = new StatusResponse.VerifiedBackup(clock.instant(), name);
    LOG.info("backup {} at {} verified in {} ms", name, from.describe(), took.toMillis());
    return new Outcome.Verified(name);
  }

  /** No snapshot yet: not a failure until the first backup should have landed. */
  private Outcome nothingToVerify(BackupTarget from) {
    Instant due = started.plus(config.interval()).plus(FIRST_BACKUP_GRACE);
    if (clock.instant().isBefore(due)) {
      LOG.debug("no snapshot at {} yet: backup verification skipped", from.describe());
      return new Outcome.Skipped();
    }
    return failed(List.of("no snapshot at " + from.describe()));
  }

  /**
   * Downloads {@code name} into a private scratch directory and checks it; the problems found,
   * empty when it is good.
   */
  private List<String> check(BackupTarget from, String name) {
    RootKey key = barrier.withRootKey(VerifySnapshotRoute::copy);
    try (ScratchDirectory scratchDir = ScratchDirectory.create("spike-verify-");
        SpikeStore scratch = Stores.open(new StoreConfig.Memory())) {
      Path file = scratchDir.resolve(name);
      from.download(name, file);
      SnapshotVerifyResponse result =
          new SnapshotVerifier(key, file)
              .verify(
                  records -> {
                    SnapshotRestorer.restore(file, scratch, false);
                    scratch.export(records);
                  });
      List<String> problems = new ArrayList<>(result.problems());
      if (result.ok()) {
        problems.addAll(changeLog.verifyAfter(from, file, scratch, key));
      }
      return problems;
    } finally {
      key.destroy();
    }
  }

  private Outcome failed(List<String> problems) {
    failures.increment();
    String more =
        problems.size() > LOGGED_PROBLEMS
            ? "; and " + (problems.size() - LOGGED_PROBLEMS) + " more problem(s)"
            : "";
    LOG.warn(
        "backup verification failed: {}{}; next attempt in {}",
        String.join("; ", problems.subList(0, Math.min(problems.size(), LOGGED_PROBLEMS))),
        more,
        Durations.format(config.verifyInterval()));
    return new Outcome.Failed(problems);
  }

  private void crashed(Throwable unexpected) {
    failures.increment();
    LOG.error("backup verification failed unexpectedly", unexpected);
  }

  private double lastVerifiedSeconds() {
    StatusResponse.VerifiedBackup at = lastVerified;
    return at == null ? 0 : at.at().toEpochMilli() / 1000.0;
  }

  private static String reason(RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Stops the schedule, letting a verification under way finish (up to 10 s); idempotent. */
  @Override
  public void close() {
    schedule.close();
    target.ifPresent(BackupTarget::close);
  }

  /**
   * The step after the snapshot: checks the change log at the target that follows it (the changes
   * after the snapshot's last one), typically replaying it into the scratch store. Problems name
   * segments, places and reasons, never a value.
   */
  @FunctionalInterface
  public interface ChangeLogCheck {
    /** No change log: nothing follows a snapshot. */
    ChangeLogCheck NONE = (target, snapshot, scratch, rootKey) -> List.of();

    /**
     * The shipped change log after the snapshot: chains checked under this Nexus's key, every
     * change replayed onto the scratch store.
     */
    ChangeLogCheck SHIPPED = new ChangeLogVerification();

    /**
     * Checks the change log after {@code snapshot}.
     *
     * @param target the backup target the snapshot came from
     * @param snapshot the snapshot file, already proved good (its header names its last change)
     * @param scratch a scratch store holding the snapshot's records
     * @param rootKey this Nexus's root key, to derive chain keys and decrypt with; not to be kept
     *     or destroyed
     * @return the problems found; empty when the log checks out
     */
    List<String> verifyAfter(
        BackupTarget target, Path snapshot, SpikeStore scratch, RootKey rootKey);
  }

  /** What one round did. */
  sealed interface Outcome {
    /** The snapshot {@code name} verified. */
    record Verified(String name) implements Outcome {}

    /** Sealed, or no snapshot yet while the first backup may still be on its way. */
    record Skipped() implements Outcome {}

    /** Counted and logged. */
    record Failed(List<String> problems) implements Outcome {}
  }
}
