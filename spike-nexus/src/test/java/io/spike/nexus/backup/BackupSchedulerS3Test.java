package io.spike.nexus.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.spike.config.EnvBuilder;
import io.spike.config.Settings;
import io.spike.nexus.NexusConfig;
import io.spike.nexus.NexusTestCluster;
import io.spike.nexus.TestClock;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.Stores;
import io.spike.store.snapshot.SnapshotCounts;
import io.spike.store.snapshot.SnapshotRestorer;
import io.spike.store.snapshot.SnapshotWriter;
import io.spike.store.target.BackupTarget;
import io.spike.store.target.BackupTargets;
import io.spike.store.target.SnapshotNames;
import io.spike.testkit.S3rverExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link BackupScheduler} storing snapshots in S3-compatible storage (a real s3rver). */
class BackupSchedulerS3Test {
  @RegisterExtension static final S3rverExtension S3 = new S3rverExtension();

  @TempDir Path dir;
  private final LiveStore live = new LiveStore().withData();
  private final TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final String url = S3.targetUrl("nexus-" + UUID.randomUUID());

  @AfterEach
  void close() {
    live.close();
    registry.close();
  }

  @Test
  void runOnce_storesSnapshotsInTheBucket_keepsTheNewestK_andTheNewestRestores() throws Exception {
    List<String> written = new ArrayList<>();
    try (BackupScheduler scheduler = scheduler(2);
        BackupTarget target = BackupTargets.open(url)) {
      target.put("notes/mine", new byte[] {1});
      target.put("spike-snapshot-latest.snap", new byte[] {2});
      for (int i = 0; i < 3; i++) {
        written.add(SnapshotWriter.fileName(clock.instant()));
        BackupScheduler.Outcome outcome = scheduler.runOnce();
        assertThat(outcome)
            .isEqualTo(
                new BackupScheduler.Outcome.Written(
                    written.get(i), i < 2 ? List.of() : List.of(written.get(0))));
        clock.advance(Duration.ofMinutes(61));
      }

      assertThat(target.list(""))
          .containsExactly(
              "notes/mine", written.get(1), written.get(2), "spike-snapshot-latest.snap");
      Path copy = dir.resolve("newest.snap");
      target.download(written.get(2), copy);
      try (SpikeStore restored = Stores.open(new StoreConfig.Memory())) {
        assertThat(SnapshotRestorer.restore(copy, restored, false))
            .isEqualTo(new SnapshotCounts(2, 3, 1, 2));
      }
    }
    assertThat(registry.scrape())
        .contains("spike_backup_interval_seconds 3600.0")
        .contains("spike_backup_failures_total 0.0");
  }

  @Test
  void runOnce_toAMissingBucket_isACountedFailure_namingTheBucket() {
    String missing = url.replace("s3://" + S3rverExtension.BUCKET, "s3://no-such-bucket");
    try (BackupScheduler scheduler =
        new BackupScheduler(backups(missing, 2), live.snapshots, live.barrier, clock, registry)) {
      assertThat(scheduler.runOnce())
          .isInstanceOfSatisfying(
              BackupScheduler.Outcome.Failed.class,
              f -> assertThat(f.reason()).contains("no-such-bucket").contains("NoSuchBucket"));
      assertThat(scheduler.lastSuccess()).isEmpty();
    }
    assertThat(registry.scrape()).contains("spike_backup_failures_total 1.0");
  }

  /** The schedule in a real Nexus with SPIKE_NEXUS_BACKUP_TARGET=s3://...: objects appear. */
  @Test
  void nexus_everySecond_toS3_keepsTwo() throws Exception {
    try (NexusTestCluster nexus =
            NexusTestCluster.start(
                dir.resolve("nexus"),
                new StoreConfig.Memory(),
                new EnvBuilder()
                    .setText(Settings.BACKUP_TARGET, url)
                    .setText(Settings.BACKUP_INTERVAL, "1s")
                    .setText(Settings.BACKUP_RETAIN, "2")
                    .build());
        BackupTarget target = BackupTargets.open(url)) {
      nexus.seedKeepers();
      nexus.awaitReady();
      nexus.client(nexus.superuser()).putSecret("apps/a", Map.of("k", "v"));
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (!nexus.ops("/metrics").body().contains("spike_backup_duration_seconds_count 3")) {
        assertThat(System.nanoTime()).as("three backups within 15 s").isLessThan(deadline);
        NexusTestCluster.sleep(100);
      }
      assertThat(target.list(SnapshotNames.PREFIX))
          .hasSize(2)
          .allMatch(n -> SnapshotNames.timeInName(n).isPresent());
      assertThat(nexus.ops("/metrics").body()).contains("spike_backup_interval_seconds 1.0");
    }
  }

  private BackupScheduler scheduler(int retain) {
    return new BackupScheduler(backups(url, retain), live.snapshots, live.barrier, clock, registry);
  }

  private static NexusConfig.Backups backups(String url, int retain) {
    return new NexusConfig.Backups(
        Optional.empty(),
        Optional.of(url),
        Duration.ofHours(1),
        retain,
        Duration.ofSeconds(1),
        Duration.ofHours(1));
  }
}
