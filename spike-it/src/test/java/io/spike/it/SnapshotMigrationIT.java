package io.spike.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.config.Settings;
import io.spike.store.PolicyRecord;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.Stores;
import io.spike.store.snapshot.SnapshotOptions;
import io.spike.store.snapshot.SnapshotReader;
import io.spike.store.snapshot.SnapshotVisitor;
import io.spike.store.snapshot.SnapshotWriter;
import io.spike.testkit.Closer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 4, end to end: snapshots saved online, inspected and verified, rehearsed with {@code spike
 * drill}, and restored SQLite → PostgreSQL → SQLite, each time unsealed with the original recovery
 * shards. And the attack a hostile backup writer can mount without any key: records of an older
 * snapshot spliced into a newer one, rewritten unsigned (or signed with a key of their own) with
 * fresh, valid checksums: inspect still calls it intact, but verify, restore and drill refuse it;
 * only {@code --allow-unsigned} lets an unsigned one through.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SnapshotMigrationIT {
  private static final String VALUE = "snap-83b1f0-SECRET-VALUE";
  private static Path root;
  private static DevCluster cluster;
  private static EmbeddedPostgres pg;
  private static Path shards;
  private static Path snapshot;

  @BeforeAll
  static void up() throws Exception {
    root = Files.createTempDirectory("spike-it-snapshot");
    cluster = new DevCluster(root.resolve("dev"), Map.of()).up();
    Cli su = cluster.superuser();
    su.spike("secret", "put", "apps/snap/db", "pass=" + VALUE + "-v1").ok();
    su.spike("secret", "put", "apps/snap/db", "pass=" + VALUE).ok();
    su.spike("secret", "put", "apps/snap/gone", "k=deleted-later").ok();
    su.spike("secret", "delete", "apps/snap/gone").ok();
    su.createPolicy("snap-read", "^spiffe://spike\\.ist/snap$", "^apps/snap/.*", "read").ok();
    shards = root.resolve("shards");
    cluster.role("recover").spike("operator", "recover", "--dir", shards.toString()).ok();
    pg = EmbeddedPostgres.start();
  }

  @AfterAll
  static void down() throws Exception {
    Closer.closeAll(cluster, pg);
  }

  private static void assertEverythingReadsBack(Cli su) {
    assertThat(su.spike("secret", "get", "apps/snap/db", "pass").ok().out())
        .isEqualTo(VALUE + "\n");
    assertThat(su.spike("secret", "get", "apps/snap/db", "pass", "-v", "1").ok().out())
        .isEqualTo(VALUE + "-v1\n");
    assertThat(su.spike("secret", "get", "apps/snap/gone").exit()).isEqualTo(1);
    assertThat(su.spike("secret", "metadata", "get", "apps/snap/gone", "-f", "json").ok().out())
        .contains("deletedTime");
    assertThat(su.spike("policy", "get", "snap-read").ok().out()).contains("snap-read");
  }

  /**
   * Nexus processes alive on this machine, by their command line in /proc (the JDK's may be cut
   * short).
   */
  private static long nexusProcesses() {
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(
            h -> {
              try {
                return new String(
                        Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "cmdline")),
                        StandardCharsets.UTF_8)
                    .contains("io.spike.nexus.NexusMain");
              } catch (Exception gone) {
                return false;
              }
            })
        .count();
  }

  private static String pgStore() {
    return "postgres:" + pg.getJdbcUrl("postgres", "postgres");
  }

  private static void restoreWithOriginalShards(Cli restore) {
    Cli.Result r =
        restore
            .spike(
                "operator",
                "restore",
                "--file",
                shards.resolve("spike.recovery.1.txt").toString(),
                "--file",
                shards.resolve("spike.recovery.3.txt").toString())
            .ok();
    assertThat(r.out()).contains("restored");
  }

  @Test
  @Order(1)
  void save_online_thenInspect_showsCounts_andTheFileHoldsNoSecret() throws Exception {
    snapshot = root.resolve("one.snap");
    cluster.superuser().spike("snapshot", "save", "-o", snapshot.toString()).ok();
    Cli.Result inspect = cluster.cli.spike("snapshot", "inspect", snapshot.toString()).ok();
    assertThat(inspect.out())
        .containsIgnoringCase("secrets")
        .containsIgnoringCase("versions")
        .containsIgnoringCase("sha-256")
        .containsIgnoringCase("ok");
    String bytes = new String(Files.readAllBytes(snapshot), StandardCharsets.ISO_8859_1);
    assertThat(bytes)
        .doesNotContain(VALUE)
        .doesNotContain("deleted-later")
        .doesNotContain("^apps/snap/.*");
  }

  @Test
  @Order(2)
  void inspect_damagedOrTruncated_exits1_namingTheSection() throws Exception {
    byte[] good = Files.readAllBytes(snapshot);
    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 0x01;
    Path damaged = Files.write(root.resolve("damaged.snap"), flipped);
    Cli.Result d = cluster.cli.spike("snapshot", "inspect", damaged.toString());
    assertThat(d.exit()).isEqualTo(1);
    assertThat(d.err()).containsPattern("(header|system|secrets|versions|policies|end|trailer)");
    Path truncated =
        Files.write(root.resolve("truncated.snap"), Arrays.copyOf(good, good.length - 40));
    Cli.Result t = cluster.cli.spike("snapshot", "inspect", truncated.toString());
    assertThat(t.exit()).isEqualTo(1);
    assertThat(t.err()).containsIgnoringCase("trailer").as("the last 40 bytes are the trailer");
  }

  @Test
  @Order(3)
  void verify_withShards_andOnline_passes() {
    cluster
        .cli
        .spike("snapshot", "verify", snapshot.toString(), "--shards", shards.toString())
        .ok();
    cluster.superuser().spike("snapshot", "verify", snapshot.toString()).ok();
    Cli.Result damaged =
        cluster.cli.spike(
            "snapshot",
            "verify",
            root.resolve("damaged.snap").toString(),
            "--shards",
            shards.toString());
    assertThat(damaged.exit()).isEqualTo(1);
  }

  @Test
  @Order(4)
  void drill_goodSnapshot_passes_withRtoAndRpo_andDamagedOrWrongShardsFail() throws Exception {
    Path report = root.resolve("drill");
    long nexusesBefore = nexusProcesses();
    Cli.Result ok =
        cluster.cli.spike(
            "drill",
            "--snapshot",
            snapshot.toString(),
            "--shards",
            shards.toString(),
            "--report",
            report.toString());
    assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
    String md = Files.readString(root.resolve("drill.md"));
    String json = Files.readString(root.resolve("drill.json"));
    assertThat(md).contains("PASS").containsIgnoringCase("RTO").containsIgnoringCase("RPO");
    assertThat(json).contains("\"verdict\"").contains("PASS");

    Cli.Result damaged =
        cluster.cli.spike(
            "drill",
            "--snapshot",
            root.resolve("damaged.snap").toString(),
            "--shards",
            shards.toString(),
            "--report",
            root.resolve("drill-damaged").toString());
    assertThat(damaged.exit()).isEqualTo(1);
    assertThat(Files.readString(root.resolve("drill-damaged.md"))).contains("FAIL");

    Path wrong = Files.createDirectories(root.resolve("wrong-shards"));
    String good1 = Files.readString(shards.resolve("spike.recovery.1.txt")).strip();
    Files.writeString(
        wrong.resolve("spike.recovery.1.txt"),
        good1.substring(0, good1.length() - 1) + (good1.endsWith("0") ? "1" : "0") + "\n");
    Files.copy(shards.resolve("spike.recovery.2.txt"), wrong.resolve("spike.recovery.2.txt"));
    Cli.Result wrongShards =
        cluster.cli.spike(
            "drill",
            "--snapshot",
            snapshot.toString(),
            "--shards",
            wrong.toString(),
            "--report",
            root.resolve("drill-wrong").toString());
    assertThat(wrongShards.exit()).isEqualTo(1);
    assertThat(Files.readString(root.resolve("drill-wrong.md")))
        .contains("FAIL")
        .containsIgnoringCase("shard");
    assertThat(nexusProcesses())
        .as("drill leaves no scratch Nexus running")
        .isEqualTo(nexusesBefore);
  }

  /** The records of {@code from} in a memory store, for a forger to change and rewrite. */
  private static SpikeStore recordsOf(Path from) {
    SpikeStore store = Stores.open(new StoreConfig.Memory());
    store.importAll(sink -> SnapshotReader.read(from, SnapshotVisitor.forwardingTo(sink)));
    return store;
  }

  private static PolicyRecord policyOf(Path snapshot, String name) {
    PolicyRecord[] found = new PolicyRecord[1];
    SnapshotReader.read(
        snapshot,
        SnapshotVisitor.onPolicies(
            record -> {
              if (record.name().equals(name)) {
                found[0] = record;
              }
            }));
    assertThat(found[0]).as("policy " + name + " in " + snapshot).isNotNull();
    return found[0];
  }

  @Test
  @Order(5)
  void splicedSnapshots_rewrittenUnsignedOrSignedWithAnotherKey_areRefused_genuineOnesRestore()
      throws Exception {
    Cli su = cluster.superuser();
    Cli cli = cluster.cli;
    su.createPolicy("snap-super", "^spiffe://spike\\.ist/intruder$", ".*", "super").ok();
    Path old = root.resolve("old.snap");
    su.spike("snapshot", "save", "-o", old.toString()).ok();
    su.spike("policy", "delete", "snap-super").ok(); // revoked
    Path current = root.resolve("current.snap");
    su.spike("snapshot", "save", "-o", current.toString()).ok();
    Instant created = SnapshotReader.inspect(current).header().orElseThrow().created();

    // The forger: today's records plus the revoked policy from the old snapshot, fresh checksums,
    // no key.
    Path forged = root.resolve("forged.snap");
    Path resigned = root.resolve("resigned.snap");
    byte[] forgersKey = new byte[32];
    new SecureRandom().nextBytes(forgersKey);
    try (SpikeStore records = recordsOf(current)) {
      records.putPolicy(policyOf(old, "snap-super"));
      SnapshotWriter.writeFile(records, forged, SnapshotOptions.unsigned(created, "sqlite"));
      SnapshotWriter.writeFile(
          records, resigned, SnapshotOptions.signed(created, "sqlite", List.of(1), forgersKey));
    }

    Cli.Result inspect = cli.spike("snapshot", "inspect", forged.toString()).ok();
    assertThat(inspect.out()).contains("signed:        no (restore needs --allow-unsigned)");

    Cli.Result verifyOffline =
        cli.spike("snapshot", "verify", forged.toString(), "--shards", shards.toString());
    assertThat(verifyOffline.exit()).isEqualTo(1);
    assertThat(verifyOffline.err())
        .contains("is NOT verified: unsigned: nothing proves who wrote it");
    Cli.Result verifyByNexus = su.spike("snapshot", "verify", forged.toString());
    assertThat(verifyByNexus.exit()).isEqualTo(1);
    assertThat(verifyByNexus.err()).contains("is NOT verified: unsigned");

    Path refusedDb = root.resolve("refused").resolve("spike.db");
    for (Cli.Result r :
        List.of(
            cli.spike("snapshot", "restore", forged.toString(), "--store", "sqlite:" + refusedDb),
            cli.spike(
                "snapshot",
                "restore",
                forged.toString(),
                "--store",
                "sqlite:" + refusedDb,
                "--shards",
                shards.toString()),
            su.spike("snapshot", "restore", forged.toString(), "--store", "sqlite:" + refusedDb))) {
      assertThat(r.exit()).as(r.err()).isEqualTo(1);
      assertThat(r.err().split("\n")).hasSize(1);
      assertThat(r.err())
          .contains("is refused: unsigned: nothing proves who wrote it")
          .contains("--allow-unsigned")
          .contains("nothing was touched");
    }
    Cli.Result resignedOffline =
        cli.spike(
            "snapshot",
            "restore",
            resigned.toString(),
            "--store",
            "sqlite:" + refusedDb,
            "--shards",
            shards.toString(),
            "--allow-unsigned");
    assertThat(resignedOffline.exit()).isEqualTo(1);
    assertThat(resignedOffline.err()).contains("is refused: hmac: does not match");
    Cli.Result resignedByNexus =
        su.spike("snapshot", "restore", resigned.toString(), "--store", "sqlite:" + refusedDb);
    assertThat(resignedByNexus.exit()).isEqualTo(1);
    assertThat(resignedByNexus.err()).contains("refused snapshot").contains("HMAC does not match");
    assertThat(refusedDb.getParent()).as("a refused restore creates no store").doesNotExist();

    long nexusesBefore = nexusProcesses();
    Cli.Result drill =
        cli.spike(
            "drill",
            "--snapshot",
            forged.toString(),
            "--shards",
            shards.toString(),
            "--report",
            root.resolve("drill-forged").toString());
    assertThat(drill.exit()).isEqualTo(1);
    assertThat(drill.err())
        .contains("drill FAILED: snapshot signed by this system's root key: unsigned");
    assertThat(Files.readString(root.resolve("drill-forged.md")))
        .doesNotContain("restore into a scratch store");
    assertThat(nexusProcesses()).isEqualTo(nexusesBefore);

    Path allowedDb = root.resolve("allowed").resolve("spike.db");
    Cli.Result allowed =
        cli.spike(
                "snapshot",
                "restore",
                forged.toString(),
                "--store",
                "sqlite:" + allowedDb,
                "--allow-unsigned")
            .ok();
    assertThat(allowed.err())
        .contains("is unsigned and restored anyway (--allow-unsigned): no signature was checked")
        .contains("spliced in");
    try (SpikeStore restored = Stores.open(new StoreConfig.Sqlite(allowedDb))) {
      assertThat(restored.policy("snap-super"))
          .as("what --allow-unsigned lets through")
          .isPresent();
    }

    Cli.Result byShards =
        cli.spike(
                "snapshot",
                "restore",
                current.toString(),
                "--store",
                "sqlite:" + root.resolve("genuine-shards").resolve("spike.db"),
                "--shards",
                shards.toString())
            .ok();
    assertThat(byShards.out()).contains("signature: HMAC matches the root key rebuilt from shards");
    assertThat(byShards.err()).isEmpty();
    Cli.Result byNexus =
        su.spike(
                "snapshot",
                "restore",
                current.toString(),
                "--store",
                "sqlite:" + root.resolve("genuine-nexus").resolve("spike.db"))
            .ok();
    assertThat(byNexus.out()).contains("signature: HMAC matches the root key of Nexus at");
    try (SpikeStore restored =
        Stores.open(new StoreConfig.Sqlite(root.resolve("genuine-nexus").resolve("spike.db")))) {
      assertThat(restored.policy("snap-super")).isEmpty();
      assertThat(restored.policy("snap-read")).isPresent();
    }
  }

  @Test
  @Order(6)
  void sqliteToPostgres_thenBack_unsealsWithTheOriginalShards() throws Exception {
    Cli cli = cluster.cli;
    String[] restoreToPostgres = {
      "snapshot",
      "restore",
      snapshot.toString(),
      "--store",
      pgStore(),
      "--shards",
      shards.toString()
    };
    cli.spike(restoreToPostgres).ok();
    Cli.Result again = cli.spike(restoreToPostgres);
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).containsIgnoringCase("force");
    cli.spike("dev", "down", "--dir", cluster.dir.toString()).ok();

    Cli su = cluster.superuser();
    Cli restore = cluster.role("restore");
    Path back = root.resolve("back");
    try (Components onPg = new Components(cluster.dir, root.resolve("logs-pg"))) {
      for (int n = 1; n <= 3; n++) {
        onPg.keeper(n);
      }
      onPg.nexus(
          "nexus-pg",
          8553,
          8554,
          Map.of(
              Settings.BACKEND_STORE.name(),
              "postgres",
              Settings.DB_URL.name(),
              pg.getJdbcUrl("postgres", "postgres")));
      DevCluster.await(
          Duration.ofSeconds(60), () -> TestPki.status("http://127.0.0.1:8554/healthz") == 200);
      restoreWithOriginalShards(restore);
      TestPki.awaitReady(8554, Duration.ofSeconds(30));
      assertEverythingReadsBack(su);

      Path fromPg = root.resolve("from-pg.snap");
      su.spike("snapshot", "save", "-o", fromPg.toString()).ok();
      // No shards: the Nexus on PostgreSQL (the same system's root key) checks the signature.
      su.spike(
              "snapshot",
              "restore",
              fromPg.toString(),
              "--store",
              "sqlite:" + back.resolve("spike.db"))
          .ok();
    }
    try (Components onSqlite = new Components(cluster.dir, root.resolve("logs-back"))) {
      for (int n = 1; n <= 3; n++) {
        onSqlite.keeper(n);
      }
      onSqlite.nexus(
          "nexus-back",
          8553,
          8554,
          Map.of(
              Settings.BACKEND_STORE.name(), "sqlite", Settings.DATA_DIR.name(), back.toString()));
      DevCluster.await(
          Duration.ofSeconds(60), () -> TestPki.status("http://127.0.0.1:8554/healthz") == 200);
      restoreWithOriginalShards(restore);
      TestPki.awaitReady(8554, Duration.ofSeconds(30));
      assertEverythingReadsBack(su);
    }
  }
}
