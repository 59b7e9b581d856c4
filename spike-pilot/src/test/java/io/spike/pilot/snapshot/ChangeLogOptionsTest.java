package io.spike.pilot.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.ShippedLog;
import io.spike.pilot.testing.SnapshotFixture;
import io.spike.store.PolicyRecord;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.Stores;
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

  private ShippedLog log;

  /** Changes 1-4 in the snapshot, then policies p5, p6, p7; segments 1-4, 5-6 and 7. */
  @BeforeEach
  void shipALog() {
    log =
        ShippedLog.build(
            new SnapshotFixture(),
            dir,
            store -> {
              for (String name : List.of("p5", "p6", "p7")) {
                ShippedLog.tick();
                store.putPolicy(new PolicyRecord(name, name.getBytes(StandardCharsets.UTF_8)));
              }
            });
  }

  private Path newDb() {
    return dir.resolve("new").resolve("spike.db");
  }

  private Cli.Result restore(Path db, String... more) {
    return Cli.run(
        Cli.NO_NETWORK,
        Cli.args(List.of("snapshot", "restore", log.snapshot(), "--store", "sqlite:" + db), more));
  }

  private Cli.Result restoreWithChanges(Path db, String... more) {
    return restore(
        db,
        Cli.args(List.of("--shards", log.shards(), "--changes", log.target().toString()), more));
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
        .contains("replayed 3 changes, up to change 7 at " + log.changes().get(6).at() + "\n");
    assertThat(policies(db)).containsExactly("p5", "p6", "p7", "web");
  }

  @Test
  void aLogWithNothingShippedAfterTheSnapshot_replaysNothing_butCannotReachALaterChange() {
    Path empty = dir.resolve("empty-target");
    Cli.Result r =
        restore(newDb(), "--shards", log.shards().toString(), "--changes", empty.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("replayed 0 changes, up to change 4 at ");
    assertThat(policies(newDb())).containsExactly("web");

    Path other = dir.resolve("other").resolve("spike.db");
    Cli.Result beyond =
        restore(
            other,
            "--shards",
            log.shards().toString(),
            "--changes",
            empty.toString(),
            "--until-change",
            "5");
    assertThat(beyond.code()).isEqualTo(1);
    assertThat(beyond.err()).contains("which ends at change 4");
    assertThat(other.getParent()).doesNotExist();
  }

  @Test
  void untilChange_stopsAtThatChange() {
    Path db = newDb();

    Cli.Result r = restoreWithChanges(db, "--until-change", "5");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("replayed 1 changes, up to change 5 at " + log.changes().get(4).at());
    assertThat(policies(db)).containsExactly("p5", "web");
  }

  @Test
  void until_replaysTheChangesRecordedAtOrBeforeThatTime() {
    Path db = newDb();
    Instant sixth = log.changes().get(5).at();

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
    String middle = log.segment(5, 6);
    log.damage(middle);
    Path db = newDb();

    Cli.Result r = restoreWithChanges(db);

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains(middle).contains("nothing was touched");
    assertThat(db.getParent()).doesNotExist();
  }

  @Test
  void aMissingSegment_isRefused() throws Exception {
    String last = log.segment(7, 7);
    Files.delete(log.target().resolve(log.segment(5, 6)));
    Path db = newDb();

    Cli.Result r = restoreWithChanges(db);

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains(last);
    assertThat(db.getParent()).doesNotExist();
  }

  @Test
  void changes_withoutShards_isAUsageError_sayingWhy() {
    Cli.Result r = restore(newDb(), "--changes", log.target().toString());

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
