package io.spike.pilot.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spike.api.Json;
import io.spike.api.Routes;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import io.spike.pilot.testing.SnapshotFixture;
import io.spike.store.snapshot.SnapshotReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotSaveTest {
  @TempDir Path dir;

  private final SnapshotFixture system = new SnapshotFixture();

  /** {@code spike snapshot save --store sqlite:db -o out more...}, offline. */
  private static Cli.Result saveOffline(Path db, Path out, String... more) {
    return Cli.run(Cli.NO_NETWORK, saveArgs(db, out, more));
  }

  private static String[] saveArgs(Path db, Path out, String... more) {
    return Cli.args(List.of("snapshot", "save", "--store", "sqlite:" + db, "-o", out), more);
  }

  /** {@code spike snapshot save -o out}, from {@code nexus}. */
  private static Cli.Result saveOnline(FakeServer nexus, Path out) {
    return Cli.run(nexus.connector(), "snapshot", "save", "-o", out.toString());
  }

  /** The fixture's filled store, as a SQLite file under data/. */
  private Path store() {
    return system.sqliteStore(dir.resolve("data").resolve("spike.db"));
  }

  /** The bytes of the fixture's signed snapshot, as Nexus streams them. */
  private byte[] snapshotBytes() throws Exception {
    return Files.readAllBytes(system.snapshot(dir.resolve("source.snap")));
  }

  /** A fake Nexus streaming {@code snapshot} on the snapshot route. */
  private static FakeServer streaming(byte[] snapshot) throws Exception {
    FakeServer nexus = new FakeServer();
    nexus.onBytes(Routes.OPERATOR_SNAPSHOT, "", snapshot);
    return nexus;
  }

  private static void assertOwnerOnly(Path file) throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void saveOffline_fromSqlite_writesAnIntactUnsignedFile_0600() throws Exception {
    Path db = store();
    Path out = dir.resolve("b.snap");

    Cli.Result r = saveOffline(db, out);

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("saved " + out + " (" + Files.size(out) + " bytes)\n")
        .contains(
            "backend:       sqlite\n",
            "records:       2 secrets, 3 versions, 1 policies, 2 system records\n",
            "keyring terms: unknown (taken offline from a store)\n",
            "signed:        no")
        .endsWith("ok\n");
    assertThat(r.err())
        .contains("is unsigned: no root key was at hand offline")
        .contains("restore and drill refuse it without --allow-unsigned")
        .contains("--shards D");
    assertThat(SnapshotReader.inspect(out).ok()).isTrue();
    assertOwnerOnly(out);
    assertThat(new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1))
        .doesNotContain(SnapshotFixture.VALUE);
  }

  @Test
  void saveOffline_withShards_signs_soVerifyAndRestoreAcceptIt() throws Exception {
    Path db = store();
    Path shards = system.writeShards(dir.resolve("shards"), 2, 3);
    Path out = dir.resolve("b.snap");

    Cli.Result r = saveOffline(db, out, "--shards", shards.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).contains("signed:        yes").endsWith("ok\n");
    assertThat(SnapshotReader.inspect(out).header().orElseThrow().signed()).isTrue();
    assertOwnerOnly(out);
    Cli.Result verify =
        Cli.run(
            Cli.NO_NETWORK, "snapshot", "verify", out.toString(), "--shards", shards.toString());
    assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).contains("signed:    yes, HMAC matches\n");
    Cli.Result restore =
        Cli.run(
            Cli.NO_NETWORK,
            "snapshot",
            "restore",
            out.toString(),
            "--store",
            "sqlite:" + dir.resolve("restored").resolve("spike.db"),
            "--shards",
            shards.toString());
    assertThat(restore.code()).as(restore.err()).isZero();
  }

  @Test
  void saveOffline_withAnotherSystemsShards_refuses_andWritesNothing() {
    Path db = store();
    Path shards = new SnapshotFixture().writeShards(dir.resolve("shards"), 1, 2, 3);
    Path out = dir.resolve("b.snap");

    Cli.Result r = saveOffline(db, out, "--shards", shards.toString());

    assertThat(r.out()).isEmpty();
    assertThat(r.onlyErrLine(1))
        .startsWith("spike: the shards in " + shards + " do not rebuild the root key of sqlite:")
        .contains("nothing was written");
    assertThat(out).doesNotExist();
  }

  @Test
  void saveOffline_withTooFewShards_refuses() {
    Path db = store();
    Path shards = system.writeShards(dir.resolve("shards"), 1);

    Cli.Result r = saveOffline(db, dir.resolve("b.snap"), "--shards", shards.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(dir.resolve("b.snap")).doesNotExist();
  }

  @Test
  void save_shardsWithoutStore_isBadUsage() {
    Cli.Result r =
        Cli.run(
            Cli.NO_NETWORK,
            "snapshot",
            "save",
            "--shards",
            system.writeShards(dir.resolve("shards"), 1, 2).toString(),
            "-o",
            dir.resolve("b.snap").toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--shards").contains("--store");
  }

  @Test
  void saveOffline_intoADirectory_usesTheSnapshotName() throws Exception {
    Path db = store();
    Path backups = Files.createDirectories(dir.resolve("backups"));

    Cli.Result r = Cli.run(Cli.NO_NETWORK, Cli.args(List.of("-f", "json"), saveArgs(db, backups)));

    assertThat(r.code()).as(r.err()).isZero();
    try (Stream<Path> files = Files.list(backups)) {
      List<Path> all = files.toList();
      assertThat(all).hasSize(1);
      assertThat(all.get(0).getFileName().toString())
          .matches("spike-snapshot-\\d{8}T\\d{6}Z\\.snap");
    }
    JsonNode json = Json.mapper().readTree(r.out());
    assertThat(json.get("source").asText()).isEqualTo("store");
    assertThat(json.get("snapshot").get("signed").asBoolean()).isFalse();
  }

  @Test
  void saveOffline_whileANexusHoldsTheStore_refuses() throws Exception {
    Path db = store();

    Cli.Result r =
        SnapshotFixture.whileNexusHolds(
            db.getParent(), () -> saveOffline(db, dir.resolve("b.snap")));

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "spike: a Nexus is running on "
                + db.getParent().toAbsolutePath()
                + "; use snapshot save without --store, or stop it\n");
    assertThat(dir.resolve("b.snap")).doesNotExist();
  }

  @Test
  void saveOffline_noStoreThere_exits1_andCreatesNothing() {
    Path db = dir.resolve("nothing").resolve("spike.db");

    Cli.Result r = saveOffline(db, dir.resolve("b.snap"));

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("spike: no SPIKE store at ");
    assertThat(db).doesNotExist();
  }

  @Test
  void save_badStoreSpec_exits2() {
    Cli.Result r = Cli.run(Cli.NO_NETWORK, "snapshot", "save", "--store", "mysql:x");
    Cli.Result memory = Cli.run(Cli.NO_NETWORK, "snapshot", "save", "--store", "memory");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--store mysql:x");
    assertThat(memory.code()).isEqualTo(2);
  }

  @Test
  void saveOnline_streamsFromNexus_intoTheNamedFile() throws Exception {
    byte[] snapshot = snapshotBytes();
    Path out = dir.resolve("online.snap");
    try (FakeServer nexus = streaming(snapshot)) {

      Cli.Result r = saveOnline(nexus, out);

      assertThat(r.code()).as(r.err()).isZero();
      assertThat(Files.readAllBytes(out)).isEqualTo(snapshot);
      assertThat(r.out())
          .startsWith("saved " + out + " (" + snapshot.length + " bytes)\n")
          .contains("signed:        yes");
      assertOwnerOnly(out);
      assertThat(tempFiles()).isEmpty();
    }
  }

  @Test
  void saveOnline_defaultName_isTheSnapshotsOwnTime() throws Exception {
    byte[] snapshot = snapshotBytes();
    Path into = Files.createDirectories(dir.resolve("into"));
    try (FakeServer nexus = streaming(snapshot)) {

      Cli.Result r = saveOnline(nexus, into);

      assertThat(r.code()).as(r.err()).isZero();
      assertThat(into.resolve("spike-snapshot-20261120T120000Z.snap")).exists();
    }
  }

  @Test
  void saveOnline_damagedStream_writesNothing_andKeepsAnOlderFile() throws Exception {
    byte[] snapshot = snapshotBytes();
    Path out = dir.resolve("online.snap");
    Files.writeString(out, "the previous good snapshot");
    snapshot[snapshot.length / 2] ^= 1;
    try (FakeServer nexus = streaming(snapshot)) {

      Cli.Result r = saveOnline(nexus, out);

      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err())
          .startsWith(
              "spike: the snapshot Nexus sent ("
                  + snapshot.length
                  + " bytes) is damaged in"
                  + " section ")
          .contains("nothing was written");
      assertThat(Files.readString(out)).isEqualTo("the previous good snapshot");
      assertThat(tempFiles()).isEmpty();
    }
  }

  @Test
  void saveOnline_notSuperuser_namesTheIdentity() throws Exception {
    try (FakeServer nexus = new FakeServer()) {
      nexus.on(Routes.OPERATOR_SNAPSHOT, "", 401, "{\"err\":\"access_unauthorized\"}");

      Cli.Result r = saveOnline(nexus, dir.resolve("x.snap"));

      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err())
          .contains("take a snapshot")
          .contains("this needs the pilot superuser identity");
      assertThat(dir.resolve("x.snap")).doesNotExist();
      assertThat(tempFiles()).isEmpty();
    }
  }

  private List<Path> tempFiles() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }
}
