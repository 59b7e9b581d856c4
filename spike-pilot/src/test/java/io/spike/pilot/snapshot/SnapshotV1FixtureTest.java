package io.spike.pilot.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.pilot.testing.Cli;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI still inspects, verifies (decrypting every record) and restores a snapshot written by the
 * format-1 writer: spike-store's committed fixture {@code snapshot/v1-fixture.snap} and the
 * test-only recovery shards of the root key that signed it.
 */
class SnapshotV1FixtureTest {

  private static final Path FIXTURE = Path.of("../spike-store/src/test/resources/snapshot");

  @TempDir Path dir;
  private Path snap;
  private Path shards;

  @BeforeEach
  void copyFixture() throws IOException {
    snap = Files.copy(FIXTURE.resolve("v1-fixture.snap"), dir.resolve("v1.snap"));
    shards = Files.createDirectories(dir.resolve("shards"));
    for (int id = 1; id <= 2; id++) {
      String name = "spike.recovery." + id + ".txt";
      Path shard =
          Files.copy(FIXTURE.resolve("v1-fixture-shards").resolve(name), shards.resolve(name));
      Files.setPosixFilePermissions(shard, PosixFilePermissions.fromString("rw-------"));
    }
  }

  @Test
  void inspect_format1_isOk() {
    Cli.Result r = Cli.run(Cli.NO_NETWORK, "snapshot", "inspect", snap.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("format:        1\n").endsWith("\nok\n");
  }

  @Test
  void verifyOffline_format1_checksTheHmacAndDecryptsEveryRecord() {
    Cli.Result r =
        Cli.run(
            Cli.NO_NETWORK, "snapshot", "verify", snap.toString(), "--shards", shards.toString());

    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains(
            "signed:    yes, HMAC matches\n",
            "decrypted: 3 of 3 secrets, 7 of 7 versions, 2 of 2 policies\n")
        .endsWith("ok\n");
  }

  @Test
  void restoreOffline_format1_loadsEveryRecordIntoSqlite() {
    Path db = dir.resolve("new").resolve("spike.db");

    Cli.Result r =
        Cli.run(
            Cli.NO_NETWORK,
            Cli.args(
                List.of("snapshot", "restore", snap, "--store", "sqlite:" + db),
                "--shards",
                shards.toString()));

    assertThat(r.code()).as(r.out() + r.err()).isZero();
    try (SpikeStore store = Stores.open(new StoreConfig.Sqlite(db))) {
      assertThat(store.secretPaths()).containsExactly("apps/api/key", "apps/web/db", "ops/é/token");
      assertThat(store.versions("apps/web/db")).hasSize(3);
      assertThat(store.policies()).hasSize(2);
    }
  }
}
