package io.spike.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.NexusClient;
import io.spike.config.Settings;
import io.spike.store.target.BackupTarget;
import io.spike.store.target.BackupTargets;
import io.spike.testkit.S3rverExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 11, acceptance 1, 2 and 5, end to end against a real S3-compatible server (s3rver): a dev
 * cluster backs up to S3 (snapshots, change log, audit segments) while a writer runs; Nexus, every
 * keeper and the whole data directory are destroyed with {@code kill -9} and {@code rm -r}; then
 * the target alone and the recovery shards bring the system back, first to a point in time ({@code
 * --until}), then to the newest shipped change. Every acknowledged write is checked against what
 * came back, and the measured RPO is printed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PointInTimeIT {
  @RegisterExtension static final S3rverExtension S3 = new S3rverExtension();

  private static final Duration SHIPPING_INTERVAL = Duration.ofSeconds(1);

  private static Path root;
  private static Path shards;
  private static String target;
  private static DevCluster cluster;
  private static final AcknowledgedWrites writes = new AcknowledgedWrites();
  private static String firstSnapshot;
  private static String preLossSnapshot;
  private static Instant until;
  private static Instant lossAt;

  @BeforeAll
  static void up() throws Exception {
    root = Files.createTempDirectory("spike-it-pitr");
    target = S3.targetUrl("pitr");
    Map<String, String> env = new HashMap<>();
    env.put(Settings.BACKUP_TARGET.name(), target);
    env.put(Settings.BACKUP_INTERVAL.name(), "3s");
    env.put(Settings.BACKUP_RETAIN.name(), "50");
    env.put(Settings.CHANGELOG_INTERVAL.name(), "1s");
    env.put("AWS_ACCESS_KEY_ID", S3rverExtension.CREDENTIAL);
    env.put("AWS_SECRET_ACCESS_KEY", S3rverExtension.CREDENTIAL);
    env.put("AWS_REGION", "us-east-1");
    cluster = new DevCluster(root.resolve("dev"), env).up();
    shards = root.resolve("shards");
    cluster.role("recover").spike("operator", "recover", "--dir", shards.toString()).ok();
    cluster.superuser().spike("secret", "put", "apps/pitr/base", "v=before-everything").ok();
  }

  @AfterAll
  static void down() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static BackupTarget target() {
    return BackupTargets.open(target);
  }

  private static String objectUrl(String name) {
    int query = target.indexOf('?');
    return target.substring(0, query) + "/" + name + target.substring(query);
  }

  @Test
  @Order(1)
  void writersRun_thenNexusKeepersAndDataAreDestroyed() throws Exception {
    DevCluster.await(Duration.ofSeconds(30), () -> !target().list("spike-snapshot-").isEmpty());
    firstSnapshot = target().list("spike-snapshot-").get(0);

    writes.start(TestPki.nexusClient(cluster.dir, "superuser", 8553), "apps/pitr/w");
    AcknowledgedWrites.sleep(Duration.ofSeconds(4));
    until = Instant.now();
    AcknowledgedWrites.sleep(Duration.ofSeconds(4));
    lossAt = Instant.now();
    cluster.kill9All();
    writes.stop();
    deleteTree(cluster.dir.resolve("data"));

    assertThat(writes.all()).hasSizeGreaterThan(50);
    assertThat(writes.all().stream().filter(w -> w.acked().isBefore(until))).isNotEmpty();
    assertThat(writes.all().stream().filter(w -> w.sent().isAfter(until))).isNotEmpty();
  }

  @Test
  @Order(2)
  void restoreUntilATime_bringsBackExactlyTheWritesBeforeIt() {
    List<String> snapshots = target().list("spike-snapshot-");
    preLossSnapshot = snapshots.get(snapshots.size() - 1);
    Cli.Result restore =
        cluster
            .cli
            .spike(
                "snapshot",
                "restore",
                objectUrl(firstSnapshot),
                "--store",
                "sqlite:" + cluster.dir.resolve("data/spike.db"),
                "--shards",
                shards.toString(),
                "--changes",
                target,
                "--until",
                until.toString())
            .ok();
    System.out.println("point-in-time restore: " + restore.out().strip());
    unsealFromShards();

    NexusClient su = TestPki.nexusClient(cluster.dir, "superuser", 8553);
    int present = 0;
    for (AcknowledgedWrites.Write w : writes.all()) {
      boolean found = AcknowledgedWrites.exists(su, w);
      if (w.acked().isBefore(until)) {
        assertThat(found).as("%s acked at %s, before %s", w.path(), w.acked(), until).isTrue();
        present++;
      } else if (w.sent().isAfter(until)) {
        assertThat(found).as("%s sent at %s, after %s", w.path(), w.sent(), until).isFalse();
      }
    }
    assertThat(present).isPositive();
    assertThat(su.getSecret("apps/pitr/base", 0).data()).containsEntry("v", "before-everything");
  }

  @Test
  @Order(3)
  void restoreFromTheTargetAlone_bringsBackEveryWriteOlderThanTheShippingInterval()
      throws Exception {
    cluster.kill9("nexus");
    deleteTree(cluster.dir.resolve("data"));
    Cli.Result restore =
        cluster
            .cli
            .spike(
                "snapshot",
                "restore",
                objectUrl(preLossSnapshot),
                "--store",
                "sqlite:" + cluster.dir.resolve("data/spike.db"),
                "--shards",
                shards.toString(),
                "--changes",
                target)
            .ok();
    System.out.println("restore to the newest change: " + restore.out().strip());
    Instant restoreStarted = Instant.now();
    unsealFromShards();
    Duration rto = Duration.between(restoreStarted, Instant.now());

    NexusClient su = TestPki.nexusClient(cluster.dir, "superuser", 8553);
    AcknowledgedWrites.Recovered back =
        writes.assertBackUntil(su, lossAt.minus(SHIPPING_INTERVAL).minusSeconds(1), lossAt);
    System.out.printf(
        "PITR end to end (sqlite, S3 target): %d acknowledged writes, %d lost;"
            + " measured RPO %d ms; restore to ready %d ms%n",
        back.acknowledged(), back.missing().size(), back.rpo().toMillis(), rto.toMillis());
    assertThat(back.rpo()).isLessThanOrEqualTo(SHIPPING_INTERVAL.plusSeconds(1));
  }

  @Test
  @Order(4)
  void theAuditChainRunsFromTheShippedSegmentsIntoTheNewLog() {
    Path log = cluster.dir.resolve("data/audit.log");
    Cli.Result verify =
        cluster.cli.spike("audit", "verify", log.toString(), "--shipped", target).ok();
    System.out.println("audit verify: " + verify.out().strip());
  }

  @Test
  @Order(5)
  void inspectVerifyAndDrill_readTheS3Target() {
    Cli.Result inspect = cluster.cli.spike("snapshot", "inspect", target).ok();
    assertThat(inspect.out()).contains("needs 2 of 3 recovery shards");
    cluster.cli.spike("snapshot", "verify", target, "--shards", shards.toString()).ok();
    Cli.Result drill =
        cluster
            .cli
            .spike(
                "drill",
                "--snapshot",
                target,
                "--shards",
                shards.toString(),
                "--changes",
                target,
                "--report",
                root.resolve("drill.json").toString())
            .ok();
    System.out.println("drill: " + drill.out().strip());
  }

  @Test
  @Order(6)
  void noCredentialReachesALog() {
    assertThat(cluster.allLogs()).doesNotContain(S3rverExtension.CREDENTIAL);
  }

  private static void unsealFromShards() {
    cluster.start("nexus");
    DevCluster.await(Duration.ofSeconds(60), () -> cluster.opsGet("/healthz") == 200);
    Cli restore = cluster.role("restore");
    restore
        .spike("operator", "restore", "--file", shards.resolve("spike.recovery.1.txt").toString())
        .ok();
    restore
        .spike("operator", "restore", "--file", shards.resolve("spike.recovery.3.txt").toString())
        .ok();
    cluster.awaitReady(Duration.ofSeconds(30));
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(PointInTimeIT::delete);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path p) {
    try {
      Files.delete(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
