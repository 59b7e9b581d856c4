package io.spike.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.NexusClient;
import io.spike.config.EnvBuilder;
import io.spike.config.Settings;
import io.spike.store.target.BackupTargets;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, acceptance 1 on PostgreSQL: two Nexus replicas share one database and ship the change
 * log to one target (exactly one ships at a time, by a database lock); the one shipping is killed
 * with {@code kill -9} while writers run against both, the other takes over shipping; then the
 * other replica, every keeper and the whole database are destroyed. A fresh database restored from
 * the target alone (snapshot + change log) and the recovery shards holds every write acknowledged
 * more than the shipping interval plus one second before the loss.
 */
class PostgresPointInTimeIT {
  private static final Duration SHIPPING_INTERVAL = Duration.ofSeconds(1);
  private static final int[] OPS = {8554, 9554};

  @Test
  void twoReplicas_shipperKilled_thenEverythingLost_restoreFromTheTargetAlone() throws Exception {
    Path root = Files.createTempDirectory("spike-it-pg-pitr");
    Path dev = TestPki.create(root.resolve("dev"));
    Path backups = root.resolve("backups");
    Path shards = root.resolve("shards");
    AcknowledgedWrites writes = new AcknowledgedWrites();
    Instant lossAt;
    try (Components c = new Components(dev, root.resolve("logs"))) {
      Process[] replicas = new Process[2];
      try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
        Map<String, String> store =
            new EnvBuilder()
                .setText(Settings.BACKEND_STORE, "postgres")
                .setText(Settings.DB_URL, pg.getJdbcUrl("postgres", "postgres"))
                .setText(Settings.BACKUP_TARGET, backups.toString())
                .setText(Settings.BACKUP_INTERVAL, "3s")
                .setText(Settings.CHANGELOG_INTERVAL, "1s")
                .build();
        List<Process> keepers = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
          keepers.add(c.keeper(n));
        }
        replicas[0] = c.nexus("nexus-a", 8553, OPS[0], store);
        replicas[1] = c.nexus("nexus-b", 9553, OPS[1], store);
        DevCluster.await(
            Duration.ofSeconds(60), () -> TestPki.status("http://127.0.0.1:8554/healthz") == 200);
        c.bootstrap("https://localhost:8553").ok();
        TestPki.awaitReady(OPS[0], Duration.ofSeconds(60));
        TestPki.awaitReady(OPS[1], Duration.ofSeconds(60));
        cli(c, "recover", 8553).spike("operator", "recover", "--dir", shards.toString()).ok();
        DevCluster.await(
            Duration.ofSeconds(30),
            () -> !BackupTargets.open(backups.toString()).list("spike-snapshot-").isEmpty());

        writes.start(TestPki.nexusClient(dev, "superuser", 8553), "apps/pg-pitr/a");
        writes.start(TestPki.nexusClient(dev, "superuser", 9553), "apps/pg-pitr/b");
        sleep(Duration.ofSeconds(3));
        int shipper = awaitShipper();
        int survivor = 1 - shipper;
        Components.kill9(replicas[shipper]);
        Instant killedShipperAt = Instant.now();
        sleep(Duration.ofSeconds(4));
        assertThat(lastShipped(OPS[survivor]))
            .as("the surviving replica took over shipping")
            .isAfter(killedShipperAt);
        lossAt = Instant.now();
        Components.kill9(replicas[survivor]);
        keepers.forEach(Components::kill9);
        writes.stop();
      } // the database is destroyed with its data directory

      try (EmbeddedPostgres fresh = EmbeddedPostgres.start()) {
        String url = fresh.getJdbcUrl("postgres", "postgres");
        Cli.Result restore =
            new Cli(Map.of())
                .spike(
                    "snapshot",
                    "restore",
                    backups.toUri().toString(), // the newest snapshot at the target
                    "--store",
                    "postgres:" + url,
                    "--shards",
                    shards.toString(),
                    "--changes",
                    backups.toString())
                .ok();
        System.out.println("restore into a fresh PostgreSQL: " + restore.out().strip());
        Map<String, String> store =
            new EnvBuilder()
                .setText(Settings.BACKEND_STORE, "postgres")
                .setText(Settings.DB_URL, url)
                .build();
        c.nexus("nexus-c", 8553, 8554, store);
        DevCluster.await(
            Duration.ofSeconds(60), () -> TestPki.status("http://127.0.0.1:8554/healthz") == 200);
        Cli restorer = cli(c, "restore", 8553);
        restorer
            .spike(
                "operator", "restore", "--file", shards.resolve("spike.recovery.1.txt").toString())
            .ok();
        restorer
            .spike(
                "operator", "restore", "--file", shards.resolve("spike.recovery.2.txt").toString())
            .ok();
        TestPki.awaitReady(8554, Duration.ofSeconds(30));

        NexusClient su = TestPki.nexusClient(dev, "superuser", 8553);
        AcknowledgedWrites.Recovered back =
            writes.assertBackUntil(su, lossAt.minus(SHIPPING_INTERVAL).minusSeconds(1), lossAt);
        System.out.printf(
            "PITR end to end (PostgreSQL, two replicas, shipper killed): %d acknowledged writes,"
                + " %d lost; measured RPO %d ms%n",
            back.acknowledged(), back.missing().size(), back.rpo().toMillis());
        assertThat(back.rpo()).isLessThanOrEqualTo(SHIPPING_INTERVAL.plusSeconds(1));
        assertThat(back.acknowledged()).isGreaterThan(50);
      }
    }
  }

  private static Cli cli(Components c, String role, int port) {
    return new Cli(
        new EnvBuilder(c.identity(role))
            .setText(Settings.NEXUS_API_URL, "https://localhost:" + port)
            .build());
  }

  /** Which replica (0 or 1) ships: the one whose last shipment time is set. */
  private static int awaitShipper() {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      for (int r = 0; r < 2; r++) {
        if (lastShipped(OPS[r]).isAfter(Instant.EPOCH)) {
          return r;
        }
      }
      sleep(Duration.ofMillis(200));
    }
    throw new AssertionError("no replica ships the change log");
  }

  private static Instant lastShipped(int opsPort) {
    try {
      String text =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      return text.lines()
          .filter(l -> l.startsWith("spike_changelog_last_shipped_timestamp_seconds"))
          .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
          .map(s -> Instant.ofEpochMilli((long) (s * 1000)))
          .findFirst()
          .orElse(Instant.EPOCH);
    } catch (Exception e) {
      return Instant.EPOCH;
    }
  }

  private static void sleep(Duration d) {
    AcknowledgedWrites.sleep(d);
  }
}
