package io.spike.nexus.backup;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.spike.config.Settings;
import io.spike.nexus.NexusConfig;
import io.spike.nexus.Periodic;
import io.spike.nexus.PrivateDirectory;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.barrier.SealedException;
import io.spike.store.snapshot.SnapshotHeader;
import io.spike.store.snapshot.SnapshotWriter;
import io.spike.store.target.BackupTarget;
import io.spike.store.target.BackupTargets;
import io.spike.store.target.SnapshotNames;
import io.spike.store.target.TargetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled backups: every {@code SPIKE_NEXUS_BACKUP_INTERVAL} while unsealed, one snapshot written
 * ({@link Snapshots#writeFile}) into a private scratch directory (0700, under {@code
 * java.io.tmpdir}, deleted after the round), then stored at the backup target ({@code
 * SPIKE_NEXUS_BACKUP_TARGET}, or the directory {@code SPIKE_NEXUS_BACKUP_DIR}; see {@link
 * BackupTarget}) as {@code spike-snapshot-<time>.snap}; then every such snapshot beyond the newest
 * {@code SPIKE_NEXUS_BACKUP_RETAIN} (by the time in the name) deleted. No other object at the
 * target is ever touched. Off when no target is configured (the meters still exist, at zero).
 *
 * <p>A failure (target unreachable or refusing, directory not creatable or not writable, disk full,
 * store error) is logged at WARN and counted, and Nexus goes on serving; the next interval tries
 * again. While sealed a round is skipped, not counted as a failure. A backup directory is created
 * 0700 when missing. A target URL that cannot be parsed stops start-up.
 *
 * <p>Meters (Prometheus names): {@code spike_backup_last_success_timestamp_seconds} (0 before the
 * first), {@code spike_backup_failures_total}, {@code spike_backup_duration_seconds} (successful
 * rounds), {@code spike_backup_interval_seconds} (the configured interval; 0 when backups are off).
 * {@link #lastSuccess} feeds {@code /v1/sys/status}.
 *
 * <p>Several replicas may share one target: each writes its own objects (a name collision within
 * one second keeps one of two equivalent snapshots) and pruning counts them all.
 */
public final class BackupScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackupScheduler.class);

  private final NexusConfig.Backups config;
  private final Optional<BackupTarget> target;
  private final Snapshots snapshots;
  private final Barrier barrier;
  private final Clock clock;
  private final Counter failures;
  private final Timer duration;
  private volatile Instant lastSuccess;
  private Periodic schedule;

  public BackupScheduler(
      NexusConfig.Backups config,
      Snapshots snapshots,
      Barrier barrier,
      Clock clock,
      MeterRegistry registry) {
    this.config = config;
    this.target = config.targetUrl().map(BackupScheduler::openTarget);
    this.snapshots = snapshots;
    this.barrier = barrier;
    this.clock = clock;
    this.failures =
        Counter.builder("spike.backup.failures")
            .description("scheduled backups that failed")
            .register(registry);
    this.duration =
        Timer.builder("spike.backup.duration")
            .description("time to write and prune one scheduled backup")
            .register(registry);
    Gauge.builder(
            "spike.backup.last.success.timestamp.seconds",
            this,
            BackupScheduler::lastSuccessSeconds)
        .description("when the last scheduled backup succeeded (unix seconds; 0 before the first)")
        .register(registry);
    Gauge.builder(
            "spike.backup.interval.seconds",
            this,
            s -> s.target.isPresent() ? s.config.interval().toMillis() / 1000.0 : 0)
        .description("the configured time between scheduled backups (seconds; 0 when off)")
        .register(registry);
  }

  private static BackupTarget openTarget(String url) {
    try {
      return BackupTargets.open(url);
    } catch (IllegalArgumentException e) {
      throw Settings.BACKUP_TARGET.refuse("is not usable: " + e.getMessage());
    }
  }

  /**
   * Starts the schedule (the first backup one interval from now); does nothing when backups are
   * off.
   */
  public synchronized void start() {
    if (target.isEmpty()) {
      LOG.info(
          "scheduled backups are off (set {} or {} to turn them on)",
          Settings.BACKUP_TARGET.name(),
          Settings.BACKUP_DIR.name());
      return;
    }
    if (schedule != null) {
      throw new IllegalStateException("already started");
    }
    schedule = new Periodic("backup-scheduler", config.interval(), this::runOnce, this::crashed);
    schedule.start();
    LOG.info(
        "scheduled backups every {} into {}, keeping the newest {}",
        describe(config.interval()),
        target.get().describe(),
        config.retain());
  }

  /** When the last backup succeeded, if any has. */
  public Optional<Instant> lastSuccess() {
    return Optional.ofNullable(lastSuccess);
  }

  /** One round now, on the calling thread (the schedule calls this; so can tests). */
  Outcome runOnce() {
    BackupTarget to = target.orElseThrow(() -> new IllegalStateException("backups are off"));
    if (barrier.isSealed()) {
      LOG.debug("sealed: scheduled backup skipped");
      return new Outcome.Skipped();
    }
    long started = System.nanoTime();
    Instant now = clock.instant();
    String name = SnapshotWriter.fileName(now);
    SnapshotHeader header;
    try {
      header = writeAndStore(to, name, now);
    } catch (SealedException e) {
      LOG.debug("sealed while writing: scheduled backup skipped");
      return new Outcome.Skipped();
    } catch (RuntimeException e) {
      failures.increment();
      LOG.warn(
          "scheduled backup to {} failed: {}; nexus keeps serving, next attempt in {}",
          to.describe(),
          reason(e),
          describe(config.interval()));
      LOG.debug("scheduled backup failure", e);
      return new Outcome.Failed(reason(e));
    }
    List<String> pruned = prune(to);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    duration.record(took);
    lastSuccess = now;
    LOG.info(
        "backup {} stored at {} ({} secrets, {} versions, {} policies) in {} ms; {} old snapshot(s)"
            + " deleted",
        name,
        to.describe(),
        header.counts().secrets(),
        header.counts().versions(),
        header.counts().policies(),
        took.toMillis(),
        pruned.size());
    return new Outcome.Written(name, pruned);
  }

  /** Writes the snapshot into a private scratch directory, stores it, and deletes the scratch. */
  private SnapshotHeader writeAndStore(BackupTarget to, String name, Instant now) {
    config.dir().ifPresent(BackupScheduler::createPrivateDirectory);
    Path scratch = createScratch();
    try {
      Path file = scratch.resolve(name);
      SnapshotHeader header = snapshots.writeFile(file, now);
      to.putFile(name, file);
      return header;
    } finally {
      deleteScratch(scratch);
    }
  }

  /** Deletes snapshots beyond the newest {@code retain}; one that cannot go is a failure. */
  private List<String> prune(BackupTarget to) {
    List<String> deleted = new ArrayList<>();
    List<String> old;
    try {
      old =
          SnapshotNames.newestFirst(to.list(SnapshotNames.PREFIX)).values().stream()
              .skip(config.retain())
              .toList();
    } catch (TargetException e) {
      failures.increment();
      LOG.warn("cannot list {} to delete old backups: {}", to.describe(), e.getMessage());
      return deleted;
    }
    for (String name : old) {
      try {
        to.delete(name);
        deleted.add(name);
      } catch (TargetException e) {
        failures.increment();
        LOG.warn("cannot delete old backup {}: {}", name, e.getMessage());
      }
    }
    return deleted;
  }

  private void crashed(Throwable unexpected) {
    failures.increment();
    LOG.error("scheduled backup failed unexpectedly", unexpected);
  }

  private double lastSuccessSeconds() {
    Instant at = lastSuccess;
    return at == null ? 0 : at.toEpochMilli() / 1000.0;
  }

  private static void createPrivateDirectory(Path dir) {
    try {
      PrivateDirectory.create(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the backup directory " + dir, e);
    }
  }

  private static Path createScratch() {
    try {
      return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
          ? Files.createTempDirectory(
              "spike-backup-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
          : Files.createTempDirectory("spike-backup-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a scratch directory for the backup", e);
    }
  }

  private static void deleteScratch(Path scratch) {
    try (Stream<Path> files = Files.walk(scratch)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("cannot delete the backup scratch directory {}: {}", scratch, e.getMessage());
    }
  }

  private static String reason(RuntimeException e) {
    Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
    String message = e.getMessage();
    if (cause != e && cause.getMessage() != null) {
      message = message + " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }

  private static String describe(Duration interval) {
    return io.spike.api.Durations.format(interval);
  }

  /**
   * Stops the schedule, letting a backup under way finish (up to 10 s), and closes the target.
   * Idempotent.
   */
  @Override
  public synchronized void close() {
    if (schedule != null) {
      schedule.close();
      schedule = null;
    }
    target.ifPresent(BackupTarget::close);
  }

  /** What one round did. */
  sealed interface Outcome {
    /** Snapshot {@code name} was stored at the target; {@code pruned} old ones were deleted. */
    record Written(String name, List<String> pruned) implements Outcome {}

    /** Sealed: nothing written, not a failure. */
    record Skipped() implements Outcome {}

    /** Nothing written; counted and logged. */
    record Failed(String reason) implements Outcome {}
  }
}
