package io.spike.nexus.backup;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.spike.nexus.NexusConfig;
import io.spike.nexus.PrivateDirectory;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.barrier.SealedException;
import io.spike.store.snapshot.SnapshotHeader;
import io.spike.store.snapshot.SnapshotWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled backups: every {@code SPIKE_NEXUS_BACKUP_INTERVAL} while unsealed, one snapshot file
 * written atomically into {@code SPIKE_NEXUS_BACKUP_DIR} ({@link Snapshots#writeFile}), then every
 * {@code spike-snapshot-<time>.snap} beyond the newest {@code SPIKE_NEXUS_BACKUP_RETAIN} (by the
 * time in the name) deleted. No other file in the directory is ever touched. Off when no directory
 * is configured (the meters still exist, at zero).
 *
 * <p>A failure (directory not creatable or not writable, disk full, store error) is logged at WARN
 * and counted, and Nexus goes on serving; the next interval tries again. While sealed a round is
 * skipped, not counted as a failure. The directory is created 0700 when missing.
 *
 * <p>Meters (Prometheus names): {@code spike_backup_last_success_timestamp_seconds} (0 before the
 * first), {@code spike_backup_failures_total}, {@code spike_backup_duration_seconds} (successful
 * rounds). {@link #lastSuccess} feeds {@code /v1/sys/status}.
 *
 * <p>Several replicas may share one directory: each writes its own files (a name collision within
 * one second keeps one of two equivalent snapshots) and pruning counts them all.
 */
public final class BackupScheduler implements AutoCloseable {
  static final String PREFIX = "spike-snapshot-";
  static final String SUFFIX = ".snap";
  private static final DateTimeFormatter NAME_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Logger LOG = LoggerFactory.getLogger(BackupScheduler.class);

  private final NexusConfig.Backups config;
  private final Snapshots snapshots;
  private final Barrier barrier;
  private final Clock clock;
  private final Counter failures;
  private final Timer duration;
  private volatile Instant lastSuccess;
  private ScheduledExecutorService executor;

  public BackupScheduler(
      NexusConfig.Backups config,
      Snapshots snapshots,
      Barrier barrier,
      Clock clock,
      MeterRegistry registry) {
    this.config = config;
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
  }

  /**
   * Starts the schedule (the first backup one interval from now); does nothing when backups are
   * off.
   */
  public synchronized void start() {
    if (config.dir().isEmpty()) {
      LOG.info("scheduled backups are off (set SPIKE_NEXUS_BACKUP_DIR to turn them on)");
      return;
    }
    if (executor != null) {
      throw new IllegalStateException("already started");
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "backup-scheduler");
              thread.setDaemon(true);
              return thread;
            });
    long every = config.interval().toMillis();
    executor.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    LOG.info(
        "scheduled backups every {} into {}, keeping the newest {}",
        describe(config.interval()),
        config.dir().get(),
        config.retain());
  }

  /** When the last backup succeeded, if any has. */
  public Optional<Instant> lastSuccess() {
    return Optional.ofNullable(lastSuccess);
  }

  /** One round now, on the calling thread (the schedule calls this; so can tests). */
  Outcome runOnce() {
    Path dir = config.dir().orElseThrow(() -> new IllegalStateException("backups are off"));
    if (barrier.isSealed()) {
      LOG.debug("sealed: scheduled backup skipped");
      return new Outcome.Skipped();
    }
    long started = System.nanoTime();
    Instant now = clock.instant();
    Path file = dir.resolve(SnapshotWriter.fileName(now));
    SnapshotHeader header;
    try {
      createPrivateDirectory(dir);
      header = snapshots.writeFile(file, now);
    } catch (SealedException e) {
      LOG.debug("sealed while writing: scheduled backup skipped");
      return new Outcome.Skipped();
    } catch (RuntimeException e) {
      failures.increment();
      LOG.warn(
          "scheduled backup into {} failed: {}; nexus keeps serving, next attempt in {}",
          dir,
          reason(e),
          describe(config.interval()));
      LOG.debug("scheduled backup failure", e);
      return new Outcome.Failed(reason(e));
    }
    List<Path> pruned = prune(dir);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    duration.record(took);
    lastSuccess = now;
    LOG.info(
        "backup {} written ({} secrets, {} versions, {} policies) in {} ms; {} old snapshot(s) deleted",
        file,
        header.counts().secrets(),
        header.counts().versions(),
        header.counts().policies(),
        took.toMillis(),
        pruned.size());
    return new Outcome.Written(file, pruned);
  }

  /**
   * Deletes snapshot files beyond the newest {@code retain}; a file that cannot go is a failure.
   */
  private List<Path> prune(Path dir) {
    List<Path> deleted = new ArrayList<>();
    List<Path> old;
    try {
      old = snapshotFiles(dir).values().stream().skip(config.retain()).toList();
    } catch (IOException | UncheckedIOException e) {
      failures.increment();
      LOG.warn("cannot list {} to delete old backups: {}", dir, e.getMessage());
      return deleted;
    }
    for (Path file : old) {
      try {
        Files.deleteIfExists(file);
        deleted.add(file);
      } catch (IOException e) {
        failures.increment();
        LOG.warn("cannot delete old backup {}: {}", file, e.getMessage());
      }
    }
    return deleted;
  }

  /**
   * Snapshot files in {@code dir} by the time in their name, newest first; other files are not
   * listed.
   */
  static Map<Instant, Path> snapshotFiles(Path dir) throws IOException {
    Map<Instant, Path> files = new TreeMap<>(Comparator.reverseOrder());
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
      for (Path entry : entries) {
        timeInName(entry.getFileName().toString())
            .filter(time -> Files.isRegularFile(entry))
            .ifPresent(time -> files.put(time, entry));
      }
    }
    return files;
  }

  /** The time in a name written by {@link SnapshotWriter#fileName}; empty for any other name. */
  static Optional<Instant> timeInName(String name) {
    if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX)) {
      return Optional.empty();
    }
    try {
      Instant time =
          Instant.from(
              NAME_TIME.parse(name.substring(PREFIX.length(), name.length() - SUFFIX.length())));
      return SnapshotWriter.fileName(time).equals(name) ? Optional.of(time) : Optional.empty();
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private void tick() {
    try {
      runOnce();
    } catch (Throwable unexpected) {
      // Keep the schedule alive: an exception escaping a scheduled task cancels it for good.
      failures.increment();
      LOG.error("scheduled backup failed unexpectedly", unexpected);
    }
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

  /** Stops the schedule, letting a backup under way finish (up to 10 s). Idempotent. */
  @Override
  public synchronized void close() {
    if (executor == null) {
      return;
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    executor = null;
  }

  /** What one round did. */
  sealed interface Outcome {
    /** A snapshot was written to {@code file}; {@code pruned} old ones were deleted. */
    record Written(Path file, List<Path> pruned) implements Outcome {}

    /** Sealed: nothing written, not a failure. */
    record Skipped() implements Outcome {}

    /** Nothing written; counted and logged. */
    record Failed(String reason) implements Outcome {}
  }
}
