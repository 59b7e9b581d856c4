package io.spike.nexus.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.spike.api.NexusClient;
import io.spike.api.wire.StatusResponse;
import io.spike.config.EnvBuilder;
import io.spike.config.Settings;
import io.spike.nexus.NexusConfig;
import io.spike.nexus.NexusTestCluster;
import io.spike.nexus.TestClock;
import io.spike.store.StoreConfig;
import io.spike.store.snapshot.SnapshotReader;
import io.spike.store.snapshot.SnapshotWriter;
import io.spike.store.target.SnapshotNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupSchedulerTest {
  @TempDir Path dir;
  private final LiveStore live = new LiveStore().withData();
  private final TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @AfterEach
  void close() {
    live.close();
    registry.close();
  }

  private BackupScheduler scheduler(Path backupDir, int retain) {
    return new BackupScheduler(
        new NexusConfig.Backups(Optional.of(backupDir), Duration.ofHours(1), retain),
        live.snapshots,
        live.barrier,
        clock,
        registry);
  }

  private static List<String> names(Path backupDir) throws IOException {
    try (Stream<Path> files = Files.list(backupDir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static double metric(String scrape, String name) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? (\\S+)$").matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  @Test
  void runOnce_writesAGoodSnapshot_intoAPrivateDirectory_createdWhenMissing() throws IOException {
    Path backups = dir.resolve("new/backups");
    BackupScheduler scheduler = scheduler(backups, 3);

    BackupScheduler.Outcome outcome = scheduler.runOnce();

    String name = SnapshotWriter.fileName(clock.instant());
    Path file = backups.resolve(name);
    assertThat(outcome).isEqualTo(new BackupScheduler.Outcome.Written(name, List.of()));
    assertThat(SnapshotReader.inspect(file).ok()).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backups)))
        .isEqualTo("rwx------");
    assertThat(scheduler.lastSuccess()).contains(clock.instant());
    String scrape = registry.scrape();
    assertThat(metric(scrape, "spike_backup_last_success_timestamp_seconds"))
        .isEqualTo(clock.instant().getEpochSecond());
    assertThat(metric(scrape, "spike_backup_duration_seconds_count")).isEqualTo(1);
    assertThat(metric(scrape, "spike_backup_failures_total")).isZero();
  }

  @Test
  void runOnce_keepsTheNewestK_andNeverTouchesOtherFiles() throws IOException {
    Files.writeString(dir.resolve("notes.txt"), "mine");
    Files.writeString(dir.resolve("spike-snapshot-latest.snap"), "not a timestamp");
    Files.writeString(dir.resolve("spike-snapshot-20200101T000000Z.snap.tmp"), "someone else's");
    Files.createDirectory(dir.resolve("spike-snapshot-20200101T000000Z.snap"));
    BackupScheduler scheduler = scheduler(dir, 2);
    List<String> written = new ArrayList<>();

    for (int i = 0; i < 4; i++) {
      written.add(SnapshotWriter.fileName(clock.instant()));
      scheduler.runOnce();
      clock.advance(Duration.ofMinutes(61));
    }

    assertThat(names(dir))
        .containsExactlyInAnyOrder(
            written.get(2),
            written.get(3),
            "notes.txt",
            "spike-snapshot-latest.snap",
            "spike-snapshot-20200101T000000Z.snap.tmp",
            "spike-snapshot-20200101T000000Z.snap");
  }

  @Test
  void runOnce_ordersByTheTimeInTheName_notByFileAge() throws IOException {
    BackupScheduler scheduler = scheduler(dir, 1);
    clock.advance(Duration.ofDays(1));
    scheduler.runOnce();
    String newest = SnapshotWriter.fileName(clock.instant());
    Path older =
        Files.writeString(
            dir.resolve(SnapshotWriter.fileName(Instant.parse("2029-01-01T00:00:00Z"))), "x");

    clock.advance(Duration.ofSeconds(-5));
    BackupScheduler.Outcome outcome = scheduler.runOnce();

    assertThat(names(dir)).containsExactly(newest);
    assertThat(outcome)
        .isInstanceOfSatisfying(
            BackupScheduler.Outcome.Written.class,
            w -> assertThat(w.pruned()).contains(older.getFileName().toString()));
  }

  @Test
  void runOnce_whileSealed_isSkipped_notAFailure() throws IOException {
    live.barrier.seal();
    BackupScheduler scheduler = scheduler(dir, 2);

    assertThat(scheduler.runOnce()).isEqualTo(new BackupScheduler.Outcome.Skipped());

    assertThat(names(dir)).isEmpty();
    assertThat(metric(registry.scrape(), "spike_backup_failures_total")).isZero();
    assertThat(metric(registry.scrape(), "spike_backup_last_success_timestamp_seconds")).isZero();
  }

  @Test
  void runOnce_intoAnUnusableDirectory_isACountedFailure() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    BackupScheduler scheduler = scheduler(file.resolve("backups"), 2);

    BackupScheduler.Outcome first = scheduler.runOnce();
    scheduler.runOnce();

    assertThat(first)
        .isInstanceOfSatisfying(
            BackupScheduler.Outcome.Failed.class,
            f -> assertThat(f.reason()).contains("backup directory"));
    assertThat(metric(registry.scrape(), "spike_backup_failures_total")).isEqualTo(2);
    assertThat(scheduler.lastSuccess()).isEmpty();
  }

  @Test
  void off_whenNoDirectory_startsNothing_butMetersExist() {
    BackupScheduler scheduler =
        new BackupScheduler(
            new NexusConfig.Backups(Optional.empty(), Duration.ofHours(1), 7),
            live.snapshots,
            live.barrier,
            clock,
            registry);
    scheduler.start();
    scheduler.close();

    assertThat(registry.scrape())
        .contains("spike_backup_last_success_timestamp_seconds 0.0")
        .contains("spike_backup_failures_total 0.0")
        .contains("spike_backup_duration_seconds_count 0");
  }

  /**
   * The schedule in a real Nexus: files appear every second, only the newest two stay, the metrics
   * move.
   */
  @Test
  void nexus_everySecond_keepsTwo_metricsMove_statusTellsTheLastBackup() throws Exception {
    Path backups = dir.resolve("backups");
    Path unusable = Files.writeString(dir.resolve("regular-file"), "x").resolve("backups");
    try (NexusTestCluster good =
            NexusTestCluster.start(
                dir.resolve("good"),
                new StoreConfig.Memory(),
                everySecondInto(backups).setText(Settings.BACKUP_RETAIN, "2").build());
        NexusTestCluster broken =
            NexusTestCluster.start(
                dir.resolve("broken"),
                new StoreConfig.Memory(),
                everySecondInto(unusable).build())) {
      good.seedKeepers();
      broken.seedKeepers();
      good.awaitReady();
      broken.awaitReady();
      good.client(good.superuser()).putSecret("apps/a", Map.of("k", "v"));
      NexusClient brokenClient = broken.client(broken.superuser());
      brokenClient.putSecret("apps/b", Map.of("k", "still-served"));

      awaitMetric(good, "spike_backup_duration_seconds_count", 3, Duration.ofSeconds(10));
      awaitMetric(broken, "spike_backup_failures_total", 2, Duration.ofSeconds(10));

      List<String> kept =
          names(backups).stream().filter(n -> n.startsWith("spike-snapshot-")).toList();
      assertThat(kept).hasSize(2).allMatch(n -> SnapshotNames.timeInName(n).isPresent());
      String scrape = good.ops("/metrics").body();
      assertThat(metric(scrape, "spike_backup_last_success_timestamp_seconds"))
          .isGreaterThan(Instant.now().minusSeconds(60).getEpochSecond());
      assertThat(metric(scrape, "spike_backup_duration_seconds_sum")).isGreaterThan(0);
      assertThat(metric(scrape, "spike_backup_failures_total")).isZero();
      StatusResponse status = good.client(good.superuser()).status();
      assertThat(status.details().orElseThrow().lastBackup())
          .hasValueSatisfying(t -> assertThat(t).isAfter(Instant.now().minusSeconds(60)));

      assertThat(brokenClient.getSecret("apps/b", 0).data()).containsEntry("k", "still-served");
      assertThat(broken.client(broken.superuser()).status().details().orElseThrow().lastBackup())
          .isEmpty();
      assertThat(
              metric(broken.ops("/metrics").body(), "spike_backup_last_success_timestamp_seconds"))
          .isZero();
    }
  }

  private static void awaitMetric(
      NexusTestCluster cluster, String name, double atLeast, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!(metric(cluster.ops("/metrics").body(), name) >= atLeast)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(name + " did not reach " + atLeast + " within " + timeout);
      }
      NexusTestCluster.sleep(100);
    }
  }

  /** Scheduled backups into {@code dir} every second. */
  private static EnvBuilder everySecondInto(Path dir) {
    return new EnvBuilder()
        .setText(Settings.BACKUP_DIR, dir.toString())
        .setText(Settings.BACKUP_INTERVAL, "1s");
  }
}
