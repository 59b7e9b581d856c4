package io.spike.pilot.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.SnapshotFixture;
import io.spike.store.target.BackupTarget;
import io.spike.store.target.BackupTargets;
import io.spike.testkit.S3rverExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots named by a backup target URL (S3 via a real s3rver, and file:///): inspect, verify,
 * restore and drill download a private copy and run as on a local file.
 */
class SnapshotSourceTest {
  @RegisterExtension static final S3rverExtension S3 = new S3rverExtension();

  static final String OLD = "spike-snapshot-20261119T120000Z.snap";
  static final String NEW = "spike-snapshot-20261120T120000Z.snap";

  @TempDir Path dir;
  private final SnapshotFixture system = new SnapshotFixture();
  private final String prefix = "backups-" + UUID.randomUUID();
  private Path tmp;
  private Map<String, String> env;

  /** The bucket holds a damaged older snapshot and a good newer one, and another file. */
  @BeforeEach
  void aBucketWithSnapshots() throws Exception {
    tmp = Files.createDirectory(dir.resolve("tmp"));
    env = Map.of("TMPDIR", tmp.toString());
    Path good = system.snapshot(dir.resolve("good.snap"));
    Path damaged = system.snapshot(dir.resolve("damaged.snap"));
    SnapshotFixture.flipByteIn(damaged, "secrets");
    try (BackupTarget target = BackupTargets.open(S3.targetUrl(prefix))) {
      target.putFile(NEW, good);
      target.putFile(OLD, damaged);
      target.put("spike-snapshot-zzz.snap", new byte[] {1});
    }
  }

  private String objectUrl(String name) {
    return S3.targetUrl(prefix + "/" + name);
  }

  private Cli.Result run(String... args) {
    return Cli.run(Cli.NO_NETWORK, env, new byte[0], args);
  }

  private void assertNoCopyLeft() throws Exception {
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void inspect_anObjectUrl_readsThatObject() throws Exception {
    Cli.Result good = run("snapshot", "inspect", objectUrl(NEW));
    assertThat(good.code()).as(good.err()).isZero();
    assertThat(good.out()).contains("created:       2026-11-20T12:00:00Z\n").endsWith("ok\n");

    Cli.Result damaged = run("snapshot", "inspect", objectUrl(OLD));
    assertThat(damaged.code()).isEqualTo(1);
    assertThat(damaged.err()).contains("damaged in section secrets");
    assertNoCopyLeft();
  }

  @Test
  void inspect_aTargetUrl_readsTheNewestSnapshot() throws Exception {
    for (String url : List.of(S3.targetUrl(prefix), S3.targetUrl(prefix + "/"))) {
      Cli.Result r = run("snapshot", "inspect", url);
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains(NEW).endsWith("ok\n");
    }
    assertNoCopyLeft();
  }

  @Test
  void verify_withShards_andRestore_takeAnObjectUrl() throws Exception {
    Path shards = system.writeShards(dir.resolve("shards"), 1, 2);
    Cli.Result verified = run("snapshot", "verify", objectUrl(NEW), "--shards", shards.toString());
    assertThat(verified.code()).as(verified.err()).isZero();

    Path db = dir.resolve("restored/spike.db");
    Cli.Result restored =
        run(
            "snapshot",
            "restore",
            S3.targetUrl(prefix),
            "--store",
            "sqlite:" + db,
            "--shards",
            shards.toString());
    assertThat(restored.code()).as(restored.err()).isZero();
    assertThat(restored.out()).contains("2 secrets, 3 versions, 1 policies");
    assertThat(db).exists();
    assertNoCopyLeft();
  }

  @Test
  void drill_aTargetUrl_drillsTheNewestSnapshot() throws Exception {
    Path wrongShards = new SnapshotFixture().writeShards(dir.resolve("shards"), 1, 2, 3);
    Cli.Result r =
        run(
            "drill",
            "--snapshot",
            S3.targetUrl(prefix),
            "--shards",
            wrongShards.toString(),
            "--report",
            dir.resolve("r").toString());

    // The wrong shards fail the drill after the snapshot was found intact: it was downloaded.
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains(NEW);
    assertThat(r.err()).contains("wrong shards");
    assertNoCopyLeft();
  }

  @Test
  void fileUrls_work_likeS3Urls() throws Exception {
    Path backups = Files.createDirectory(dir.resolve("backups"));
    system.snapshot(backups.resolve(NEW));
    Cli.Result r = run("snapshot", "inspect", backups.toUri().toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains(NEW);
  }

  @Test
  void fetch_aLocalDirectory_isItsNewestSnapshot_readInPlace() throws Exception {
    Path backups = Files.createDirectory(dir.resolve("backups"));
    system.snapshot(backups.resolve(OLD));
    system.snapshot(backups.resolve(NEW));
    try (SnapshotSource source = SnapshotSource.fetch(backups.toString(), env)) {
      assertThat(source.path()).isEqualTo(backups.resolve(NEW));
    }
    assertThat(backups.resolve(NEW)).exists();
    assertNoCopyLeft();
    Path empty = Files.createDirectory(dir.resolve("empty"));
    assertThatThrownBy(() -> SnapshotSource.fetch(empty.toString(), env))
        .isInstanceOf(CliFailure.class)
        .hasMessageContaining("no snapshot at");
    Cli.Result r = run("snapshot", "inspect", backups.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains(NEW);
  }

  @Test
  void fetch_aLocalPath_isThatFile_andCloseLeavesIt() throws Exception {
    Path snap = system.snapshot(dir.resolve("s.snap"));
    try (SnapshotSource source = SnapshotSource.fetch(snap.toString(), env)) {
      assertThat(source.path()).isEqualTo(snap);
    }
    assertThat(snap).exists();
  }

  @Test
  void fetch_anObject_isAPrivateCopy_deletedOnClose() throws Exception {
    Path copy;
    try (SnapshotSource source = SnapshotSource.fetch(objectUrl(NEW), env)) {
      copy = source.path();
      assertThat(copy).startsWith(tmp).hasFileName(NEW);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)))
          .isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy.getParent())))
          .isEqualTo("rwx------");
    }
    assertThat(copy).doesNotExist();
    assertNoCopyLeft();
  }

  @Test
  void fetch_failures_sayWhat_withoutLeavingACopy() throws Exception {
    assertThatThrownBy(() -> SnapshotSource.fetch(S3.targetUrl("empty-" + UUID.randomUUID()), env))
        .isInstanceOf(CliFailure.class)
        .hasMessageContaining("no snapshot at s3://spike-test/empty-");
    assertThatThrownBy(() -> SnapshotSource.fetch(objectUrl("spike-snapshot-none.snap"), env))
        .isInstanceOf(CliFailure.class)
        .hasMessageContaining("has no spike-snapshot-none.snap");
    assertThatThrownBy(() -> SnapshotSource.fetch("s3://key:hunter2@bucket/x.snap", env))
        .isInstanceOf(CliFailure.class)
        .hasMessageContaining("not a usable snapshot location")
        .hasMessageNotContaining("hunter2");
    assertNoCopyLeft();
  }
}
