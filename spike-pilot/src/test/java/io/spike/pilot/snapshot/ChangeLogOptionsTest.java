package io.spike.pilot.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.crypto.SecretBytes;
import io.spike.crypto.ShardSearch;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.SnapshotFixture;
import io.spike.store.Change;
import io.spike.store.PolicyRecord;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.Stores;
import io.spike.store.SystemKey;
import io.spike.store.changelog.ChainState;
import io.spike.store.changelog.ChangeLogFormat;
import io.spike.store.changelog.ChangeSegments;
import io.spike.store.snapshot.SnapshotOptions;
import io.spike.store.snapshot.SnapshotWriter;
import io.spike.store.target.BackupTarget;
import io.spike.store.target.BackupTargets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spike snapshot restore ... --changes TARGET [--until T | --until-change N]}. */
class ChangeLogOptionsTest {
  @TempDir Path dir;

  private final SnapshotFixture system = new SnapshotFixture();
  private Path shards;
  private Path snap;
  private Path changes;
  private String logId;
  private List<Change> shipped;

  /**
   * A filled store (changes 1-4), its signed snapshot, then policies p5, p6, p7 (changes 5-7); the
   * whole log shipped as three segments: 1-4, 5-6, 7.
   */
  @BeforeEach
  void shipALog() throws Exception {
    shards = system.writeShards(dir.resolve("shards"), 1, 2, 3);
    changes = dir.resolve("target");
    try (SpikeStore store = Stores.open(new StoreConfig.Memory());
        BackupTarget target = BackupTargets.open(changes.toString())) {
      system.fill(store);
      ShardSearch.Found found =
          KeyFinder.find(
                  RecoveryShards.fromDir(shards), store.system(SystemKey.KEY_CHECK).orElseThrow())
              .orElseThrow();
      byte[] snapshotKey = found.key().deriveKey("spike/snapshot-hmac", 32);
      byte[] logKey =
          found.key().deriveKey(ChangeLogFormat.HMAC_LABEL, ChangeLogFormat.HMAC_KEY_BYTES);
      found.key().destroy();
      snap = dir.resolve("s.snap");
      SnapshotWriter.writeFile(
          store,
          snap,
          SnapshotOptions.signed(SnapshotFixture.CREATED, "sqlite", List.of(1), snapshotKey));
      for (String name : List.of("p5", "p6", "p7")) {
        Thread.sleep(5); // distinct change times
        store.putPolicy(new PolicyRecord(name, name.getBytes(StandardCharsets.UTF_8)));
      }
      logId = store.changeLog().logId();
      shipped = store.changesAfter(0, 100);
      ChainState chain = ChainState.initial();
      chain = ChangeSegments.write(target, logId, chain, shipped.subList(0, 4), logKey);
      chain = ChangeSegments.write(target, logId, chain, shipped.subList(4, 6), logKey);
      ChangeSegments.write(target, logId, chain, shipped.subList(6, 7), logKey);
      SecretBytes.wipe(snapshotKey, logKey);
    }
  }

  private Path newDb() {
    return dir.resolve("new").resolve("spike.db");
  }

  private Cli.Result restore(Path db, String... more) {
    return Cli.run(
        Cli.NO_NETWORK,
        Cli.args(List.of("snapshot", "restore", snap, "--store", "sqlite:" + db), more));
  }

  private Cli.Result restoreWithChanges(Path db, String... more) {
    return restore(
        db, Cli.args(List.of("--shards", shards, "--changes", changes.toString()), more));
  }

  private static List<String> policies(Path db) {
    try (SpikeStore store = Stores.open(new StoreConfig.Sqlite(db))) {
      return store.policies().stream().map(PolicyRecord::name).sorted().toList();
    }
  }

  @Test
  void changes_replaysTheWholeLogAfterTheSnapshot_andPrintsThePointReached() {
    Path db = newDb();

    Cli.Result r = restoreWithChanges(db);

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("signature: HMAC matches")
        .contains("replayed 3 changes, up to change 7 at " + shipped.get(6).at() + "\n");
    assertThat(policies(db)).containsExactly("p5", "p6", "p7", "web");
  }

  @Test
  void untilChange_stopsAtThatChange() {
    Path db = newDb();

    Cli.Result r = restoreWithChanges(db, "--until-change", "5");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("replayed 1 changes, up to change 5 at " + shipped.get(4).at());
    assertThat(policies(db)).containsExactly("p5", "web");
  }

  @Test
  void until_replaysTheChangesRecordedAtOrBeforeThatTime() {
    Path db = newDb();
    Instant sixth = shipped.get(5).at();

    Cli.Result r = restoreWithChanges(db, "--until", sixth.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("replayed 2 changes, up to change 6 at " + sixth);
    assertThat(policies(db)).containsExactly("p5", "p6", "web");
  }

  @Test
  void until_beforeTheSnapshot_isRefused_andNothingIsTouched() {
    Path db = newDb();

    Cli.Result r = restoreWithChanges(db, "--until", "2026-11-20T11:59:59Z");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("is before the snapshot was taken (2026-11-20T12:00:00Z)");
    assertThat(db.getParent()).doesNotExist();
  }

  @Test
  void aDamagedSegment_isRefusedByName_beforeTheSnapshotIsLoaded() throws Exception {
    String middle = "changes/" + logId + "/" + String.format("%020d-%020d.seg", 5, 6);
    Path file = changes.resolve(middle);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(file, bytes);
    Path db = newDb();

    Cli.Result r = restoreWithChanges(db);

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains(middle).contains("nothing was touched");
    assertThat(db.getParent()).doesNotExist();
  }

  @Test
  void aMissingSegment_isRefused() throws Exception {
    String last = "changes/" + logId + "/" + String.format("%020d-%020d.seg", 7, 7);
    String middle = "changes/" + logId + "/" + String.format("%020d-%020d.seg", 5, 6);
    Files.delete(changes.resolve(middle));
    Path db = newDb();

    Cli.Result r = restoreWithChanges(db);

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains(last);
    assertThat(db.getParent()).doesNotExist();
  }

  @Test
  void changes_withoutShards_isAUsageError_sayingWhy() {
    Cli.Result r = restore(newDb(), "--changes", changes.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--changes needs --shards D");
  }

  @Test
  void untilAndUntilChange_together_isAUsageError() {
    Cli.Result r =
        restoreWithChanges(newDb(), "--until", "2030-01-01T00:00:00Z", "--until-change", "6");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--until and --until-change cannot be used together");
  }

  @Test
  void until_withoutChanges_isAUsageError() {
    Cli.Result r = restore(newDb(), "--until-change", "6");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--until-change needs --changes TARGET");
  }
}
