package io.spike.pilot.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.SnapshotFixture;
import io.spike.store.PolicyRecord;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.StoreLock;
import io.spike.store.Stores;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotRestoreTest {
  @TempDir
  Path dir;

  private final SnapshotFixture system = new SnapshotFixture();

  @Test
  void restore_intoANewSqliteStore_loadsEveryRecord() {
    Path snap = system.snapshot(dir.resolve("s.snap"));
    Path db = dir.resolve("new").resolve("spike.db");

    Cli.Result r = Cli.run(Cli.NO_NETWORK, "snapshot", "restore", snap.toString(), "--store", "sqlite:" + db);

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("restored " + snap + " (taken 2026-11-20T12:00:00Z from sqlite) into sqlite:" + db)
        .contains("  2 secrets, 3 versions, 1 policies, 2 system records\n")
        .contains("unseals with the original system's root key").contains("spike operator restore");
    try (SpikeStore store = Stores.open(new StoreConfig.Sqlite(db))) {
      assertThat(store.secretPaths()).containsExactly("apps/api/key", "apps/web/db");
      assertThat(store.versions("apps/web/db")).hasSize(2);
      assertThat(store.policy("web")).isPresent();
    }
  }

  @Test
  void restore_intoANonEmptyStore_refusesWithoutForce_replacesWithIt() {
    Path snap = system.snapshot(dir.resolve("s.snap"));
    Path db = dir.resolve("data").resolve("spike.db");
    try (SpikeStore store = Stores.open(new StoreConfig.Sqlite(db))) {
      store.putPolicy(new PolicyRecord("stale", new byte[] {1, 2, 3}));
    }

    Cli.Result refused = Cli.run(Cli.NO_NETWORK, "snapshot", "restore", snap.toString(), "--store", "sqlite:" + db);

    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).isEqualTo("spike: the target store is not empty; add --force to replace it\n");
    try (SpikeStore store = Stores.open(new StoreConfig.Sqlite(db))) {
      assertThat(store.policy("stale")).isPresent();
      assertThat(store.secretPaths()).isEmpty();
    }

    Cli.Result forced = Cli.run(Cli.NO_NETWORK, "snapshot", "restore", snap.toString(), "--store", "sqlite:" + db,
        "--force");

    assertThat(forced.code()).as(forced.err()).isZero();
    try (SpikeStore store = Stores.open(new StoreConfig.Sqlite(db))) {
      assertThat(store.policy("stale")).isEmpty();
      assertThat(store.secretPaths()).hasSize(2);
    }
  }

  @Test
  void restore_damagedSnapshot_touchesNothing() {
    Path snap = system.snapshot(dir.resolve("s.snap"));
    SnapshotFixture.flipByteIn(snap, "policies");
    Path db = dir.resolve("new").resolve("spike.db");

    Cli.Result r = Cli.run(Cli.NO_NETWORK, "snapshot", "restore", snap.toString(), "--store", "sqlite:" + db);

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("spike: snapshot " + snap + " is damaged in section policies (")
        .endsWith("nothing was touched; use an older snapshot\n");
    assertThat(db.getParent()).doesNotExist();
  }

  @Test
  void restore_whileANexusHoldsTheStore_refuses() throws Exception {
    Path snap = system.snapshot(dir.resolve("s.snap"));
    Path data = dir.resolve("data");
    java.nio.file.Files.createDirectories(data);
    Optional<StoreLock> nexus = StoreLock.tryAcquire(data);
    try (StoreLock held = nexus.orElseThrow()) {
      Cli.Result r = Cli.run(Cli.NO_NETWORK, "snapshot", "restore", snap.toString(), "--store",
          "sqlite:" + data.resolve("spike.db"));

      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).isEqualTo("spike: a Nexus is running on " + data.toAbsolutePath()
          + "; stop it first, then restore; nothing was touched\n");
      assertThat(data.resolve("spike.db")).doesNotExist();
    }
  }

  @Test
  void restore_needsAStore_andRefusesMemory() {
    Path snap = system.snapshot(dir.resolve("s.snap"));

    assertThat(Cli.run(Cli.NO_NETWORK, "snapshot", "restore", snap.toString()).code()).isEqualTo(2);
    assertThat(Cli.run(Cli.NO_NETWORK, "snapshot", "restore", snap.toString(), "--store", "memory").code())
        .isEqualTo(2);
    assertThat(Cli.run(Cli.NO_NETWORK, "snapshot", "restore", snap.toString(), "--store", "nope").code())
        .isEqualTo(2);
  }
}
