package io.spike.pilot.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.api.wire.SnapshotVerifyResponse;
import io.spike.pilot.cli.NexusConnector;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import io.spike.pilot.testing.SnapshotFixture;
import io.spike.store.PolicyRecord;
import io.spike.store.SecretRecord;
import io.spike.store.SecretWrite;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.Stores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotRestoreTest {
  @TempDir Path dir;

  private final SnapshotFixture system = new SnapshotFixture();

  /** {@code spike snapshot restore snap --store sqlite:db more...}. */
  private static Cli.Result restore(NexusConnector nexus, Path snap, Path db, String... more) {
    return restore(nexus, Map.of(), snap, db, more);
  }

  private static Cli.Result restore(
      NexusConnector nexus, Map<String, String> env, Path snap, Path db, String... more) {
    return Cli.run(
        nexus,
        env,
        new byte[0],
        Cli.args(List.of("snapshot", "restore", snap, "--store", "sqlite:" + db), more));
  }

  /** As {@link #restore}, offline, with the fixture's shards 1, 2, 3 and then {@code more}. */
  private Cli.Result restoreWithShards(Path snap, Path db, String... more) {
    return restore(Cli.NO_NETWORK, snap, db, withShards(more));
  }

  /**
   * Restores {@code snap} into {@link #newDb()}, which must fail with exit code 1 and create
   * nothing.
   */
  private Cli.Result refused(NexusConnector nexus, Path snap, String... more) {
    Path db = newDb();
    Cli.Result r = restore(nexus, snap, db, more);
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(db.getParent()).doesNotExist();
    return r;
  }

  /** As {@link #refused}, with {@code nexus} (closed after) verifying the snapshot. */
  private Cli.Result refusedBy(FakeServer nexus, Path snap) {
    try (nexus) {
      return refused(nexus.connector(), snap);
    }
  }

  /** As {@link #refused}, offline, with the fixture's shards 1, 2, 3 and then {@code more}. */
  private Cli.Result refusedWithShards(Path snap, String... more) {
    return refused(Cli.NO_NETWORK, snap, withShards(more));
  }

  private String[] withShards(String... more) {
    return Cli.args(List.of("--shards", shards()), more);
  }

  private Path shards() {
    return system.writeShards(dir.resolve("shards"), 1, 2, 3);
  }

  /** The store a restore creates: its folder does not exist before. */
  private Path newDb() {
    return dir.resolve("new").resolve("spike.db");
  }

  /**
   * The hostile backup writer's file: version 2 of apps/web/db dropped (an old value back),
   * unsigned.
   */
  private Path spliced(Path genuine) {
    return SnapshotFixture.rewriteUnsigned(
        genuine, dir.resolve("spliced.snap"), SnapshotRestoreTest::dropVersion2);
  }

  /** {@link #spliced(Path)} of a genuine snapshot written to s.snap. */
  private Path spliced() {
    return spliced(system.snapshotIn(dir));
  }

  private static SpikeStore open(Path db) {
    return Stores.open(new StoreConfig.Sqlite(db));
  }

  private static void dropVersion2(SpikeStore store) {
    SecretRecord web = store.secret("apps/web/db").orElseThrow();
    store.writeSecret(
        new SecretWrite("apps/web/db", web.revision(), web.metadata(), List.of(), List.of(2)));
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  @Test
  void restore_signed_withShards_checksTheSignature_thenLoadsEveryRecord() {
    Path snap = system.snapshotIn(dir);
    Path db = newDb();

    Cli.Result r = restoreWithShards(snap, db);

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .startsWith(
            "restored " + snap + " (taken 2026-11-20T12:00:00Z from sqlite) into sqlite:" + db)
        .contains("  2 secrets, 3 versions, 1 policies, 2 system records\n")
        .contains("signature: HMAC matches the root key rebuilt from shards 1, 2\n")
        .contains("unseals with the original system's root key")
        .contains("spike operator restore");
    try (SpikeStore store = open(db)) {
      assertThat(store.secretPaths()).containsExactly("apps/api/key", "apps/web/db");
      assertThat(store.versions("apps/web/db")).hasSize(2);
      assertThat(store.policy("web")).isPresent();
    }
  }

  @Test
  void restore_signed_withoutShards_hasNexusVerifyIt_thenLoads() throws Exception {
    Path snap = system.snapshotIn(dir);
    Path db = newDb();
    try (FakeServer nexus = FakeServer.verifying(true, true)) {

      Cli.Result r = restore(nexus.connector(), snap, db);

      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out())
          .contains("signature: HMAC matches the root key of Nexus at https://localhost:8553\n");
      assertThat(nexus.requests())
          .singleElement()
          .satisfies(
              q -> {
                assertThat(q.path()).isEqualTo(Routes.OPERATOR_SNAPSHOT);
                assertThat(q.action()).isEqualTo("verify");
                assertThat(q.body()).startsWith("SPIKESNP");
              });
    }
    try (SpikeStore store = open(db)) {
      assertThat(store.secretPaths()).hasSize(2);
    }
  }

  @Test
  void restore_splicedUnsigned_isRefused_withoutTouchingNexusOrCreatingTheStore() {
    Path forged = spliced();

    Cli.Result r = refused(Cli.NO_NETWORK, forged);

    assertThat(r.out()).isEmpty();
    assertThat(r.onlyErrLine(1))
        .startsWith(
            "spike: snapshot " + forged + " is refused: unsigned: nothing proves who wrote it")
        .contains("records could have been spliced in")
        .contains("--allow-unsigned")
        .endsWith("nothing was touched\n");
  }

  @Test
  void restore_splicedUnsigned_withShards_isRefusedToo() {
    Path forged = spliced();

    Cli.Result r = refusedWithShards(forged);

    assertThat(r.err()).contains("is refused: unsigned: nothing proves who wrote it");
  }

  @Test
  void restore_splicedUnsigned_withForce_leavesTheExistingStoreAsItWas() {
    Path forged = spliced();
    Path db = dir.resolve("data").resolve("spike.db");
    try (SpikeStore store = open(db)) {
      store.putPolicy(new PolicyRecord("kept", new byte[] {1, 2, 3}));
    }

    Cli.Result r = restore(Cli.NO_NETWORK, forged, db, "--force");

    assertThat(r.code()).isEqualTo(1);
    try (SpikeStore store = open(db)) {
      assertThat(store.policies()).extracting(PolicyRecord::name).containsExactly("kept");
      assertThat(store.secretPaths()).isEmpty();
    }
  }

  @Test
  void restore_unsigned_withAllowUnsigned_loads_andSaysWhatItSkips() {
    Path forged = spliced();
    Path db = newDb();

    Cli.Result r = restore(Cli.NO_NETWORK, forged, db, "--allow-unsigned");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err())
        .startsWith(
            "spike: warning: "
                + forged
                + " is unsigned and restored anyway (--allow-unsigned):"
                + " no signature was checked, so nothing proves who wrote it; records could have been spliced in");
    assertThat(r.out()).contains("signature: none (unsigned; allowed by --allow-unsigned)\n");
    try (SpikeStore store = open(db)) {
      assertThat(store.versions("apps/web/db")).hasSize(1);
    }
  }

  @Test
  void restore_hmacOfAnotherKey_withShards_isRefused_andCreatesNothing() {
    Path snap = system.snapshotSignedByAnotherKey(dir.resolve("s.snap"));

    Cli.Result r = refusedWithShards(snap, "--allow-unsigned");

    assertThat(r.out()).isEmpty();
    assertThat(r.onlyErrLine(1))
        .startsWith("spike: snapshot " + snap + " is refused: hmac: does not match")
        .contains("nothing was touched");
  }

  @Test
  void restore_splicedAndResignedByTheForger_withShards_isRefused() {
    Path forged = system.forgedSignedWith(dir, SnapshotRestoreTest::dropVersion2, randomKey());

    Cli.Result r = refusedWithShards(forged);

    assertThat(r.err()).contains("is refused: hmac: does not match");
  }

  @Test
  void restore_anotherSystemsSnapshot_withOurShards_isRefused() {
    Path theirs = new SnapshotFixture().snapshot(dir.resolve("theirs.snap"));

    Cli.Result r = refusedWithShards(theirs);

    assertThat(r.err())
        .startsWith("spike: the shards do not open " + theirs)
        .contains("nothing was touched");
  }

  @Test
  void restore_withoutShards_nexusSaysTheHmacIsBad_isRefused_andCreatesNothing() throws Exception {
    Path snap = system.snapshotSignedByAnotherKey(dir.resolve("s.snap"));
    Cli.Result r =
        refusedBy(
            FakeServer.verifying(
                false,
                true,
                "trailer: the HMAC does not match this root key (altered, or signed by another nexus)"),
            snap);

    assertThat(r.onlyErrLine(1))
        .startsWith(
            "spike: Nexus at https://localhost:8553 refused snapshot "
                + snap
                + ": trailer: the HMAC does not match")
        .contains("nothing was touched");
  }

  @Test
  void restore_withoutShards_nexusSaysOkButNotSigned_isRefused() throws Exception {
    Path snap = system.snapshotIn(dir);
    Cli.Result r = refusedBy(FakeServer.verifying(true, false), snap);

    assertThat(r.err()).contains("refused snapshot").contains("did not check a signature");
  }

  @Test
  void restore_withoutShards_notSuperuser_saysSo_andCreatesNothing() throws Exception {
    Path snap = system.snapshotIn(dir);
    Cli.Result r = refusedBy(FakeServer.verifying(401, "{\"err\":\"access_unauthorized\"}"), snap);

    assertThat(r.err())
        .contains("this needs the pilot superuser identity")
        .contains("--shards D")
        .contains("nothing was touched");
  }

  @Test
  void restore_withoutShards_nexusUnreachable_saysToUseShards_andCreatesNothing() throws Exception {
    Path snap = system.snapshotIn(dir);
    FakeServer gone = new FakeServer();
    NexusConnector connector = gone.connector();
    gone.close();

    Cli.Result r = refused(connector, snap);

    assertThat(r.onlyErrLine(1))
        .startsWith("spike: cannot reach Nexus")
        .contains("--shards D")
        .endsWith("nothing was touched\n");
  }

  @Test
  void restore_loadsTheBytesThatWereChecked_evenWhenTheFileIsSwappedMeanwhile() throws Exception {
    Path snap = system.snapshotIn(dir);
    Path forged = spliced(snap);
    Path db = newDb();
    try (FakeServer nexus = new FakeServer()) {
      nexus.on(
          Routes.OPERATOR_SNAPSHOT,
          Routes.ACTION_VERIFY,
          body -> {
            move(
                forged,
                snap); // the hostile writer swaps the file while Nexus checks the genuine one
            return new FakeServer.Answer(
                200, FakeServer.json(new SnapshotVerifyResponse(true, true, 2, 3, 1, List.of())));
          });

      Cli.Result r = restore(nexus.connector(), snap, db);

      assertThat(r.code()).as(r.err()).isZero();
    }
    assertThat(forged).doesNotExist();
    try (SpikeStore store = open(db)) {
      assertThat(store.versions("apps/web/db"))
          .as("the genuine records, not the swapped-in ones")
          .hasSize(2);
    }
  }

  @Test
  void restore_intoANonEmptyStore_refusesWithoutForce_replacesWithIt() {
    Path snap = system.snapshotIn(dir);
    Path db = dir.resolve("data").resolve("spike.db");
    try (SpikeStore store = open(db)) {
      store.putPolicy(new PolicyRecord("stale", new byte[] {1, 2, 3}));
    }

    Cli.Result refused = restoreWithShards(snap, db);

    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err())
        .isEqualTo("spike: the target store is not empty; add --force to replace it\n");
    try (SpikeStore store = open(db)) {
      assertThat(store.policy("stale")).isPresent();
      assertThat(store.secretPaths()).isEmpty();
    }

    Cli.Result forced = restoreWithShards(snap, db, "--force");

    assertThat(forced.code()).as(forced.err()).isZero();
    try (SpikeStore store = open(db)) {
      assertThat(store.policy("stale")).isEmpty();
      assertThat(store.secretPaths()).hasSize(2);
    }
  }

  @Test
  void restore_damagedSnapshot_touchesNothing() {
    Path snap = system.snapshotIn(dir);
    SnapshotFixture.flipByteIn(snap, "policies");

    Cli.Result r = refused(Cli.NO_NETWORK, snap);

    assertThat(r.err())
        .startsWith("spike: snapshot " + snap + " is damaged in section policies (")
        .endsWith("nothing was touched; use an older snapshot\n");
  }

  @Test
  void restore_whileANexusHoldsTheStore_refuses() throws Exception {
    Path snap = system.snapshotIn(dir);
    Path data = dir.resolve("data");

    Cli.Result r =
        SnapshotFixture.whileNexusHolds(
            data, () -> restoreWithShards(snap, data.resolve("spike.db")));

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "spike: a Nexus is running on "
                + data.toAbsolutePath()
                + "; stop it first, then restore; nothing was touched\n");
    assertThat(data.resolve("spike.db")).doesNotExist();
  }

  @Test
  void restore_needsAStore_andRefusesMemory() {
    Path snap = system.snapshotIn(dir);

    assertThat(Cli.run(Cli.NO_NETWORK, "snapshot", "restore", snap.toString()).code()).isEqualTo(2);
    assertThat(
            Cli.run(Cli.NO_NETWORK, "snapshot", "restore", snap.toString(), "--store", "memory")
                .code())
        .isEqualTo(2);
    assertThat(
            Cli.run(Cli.NO_NETWORK, "snapshot", "restore", snap.toString(), "--store", "nope")
                .code())
        .isEqualTo(2);
  }

  @Test
  void restore_leavesNoPrivateCopyBehind_inTmpdir() throws Exception {
    Path snap = system.snapshotIn(dir);
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Map<String, String> env = Map.of("TMPDIR", tmp.toString());

    Cli.Result good = restore(Cli.NO_NETWORK, env, snap, newDb(), "--shards", shards().toString());
    Cli.Result refused =
        restore(Cli.NO_NETWORK, env, spliced(snap), dir.resolve("other").resolve("spike.db"));

    assertThat(good.code()).as(good.err()).isZero();
    assertThat(refused.code()).isEqualTo(1);
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.toList()).isEmpty();
    }
  }

  private static void move(Path from, Path to) {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
