package io.spike.store.changelog;

import static io.spike.store.changelog.Fixtures.KEY;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.store.Change;
import io.spike.store.ChangeLogPosition;
import io.spike.store.PolicyRecord;
import io.spike.store.RecordingVisitor;
import io.spike.store.SecretWrite;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.StoreException;
import io.spike.store.Stores;
import io.spike.store.SystemKey;
import io.spike.store.VersionRecord;
import io.spike.store.snapshot.SnapshotHeader;
import io.spike.store.snapshot.SnapshotOptions;
import io.spike.store.snapshot.SnapshotRestorer;
import io.spike.store.snapshot.SnapshotWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeReplayTest {

  @TempDir Path dir;

  private final MemoryTarget target = new MemoryTarget();
  private SpikeStore source;
  private SpikeStore restored;
  private String logId;
  private long snapshotSeq;

  /** What the source exported after each change, by sequence number (from the snapshot's on). */
  private final Map<Long, List<Object>> states = new HashMap<>();

  private static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  /**
   * A source store with a few records, a snapshot of it loaded into {@link #restored}, then more
   * changes to the source, shipped to {@link #target} in segments of up to three changes.
   */
  @BeforeEach
  void sourceSnapshotAndLog() throws InterruptedException {
    source = Stores.open(new StoreConfig.Memory());
    restored = Stores.open(new StoreConfig.Memory());
    source.initialize(Map.of(SystemKey.KEY_CHECK, b("check")));
    write(0, "app/db", 1);
    source.putPolicy(new PolicyRecord("ops", b("pol-1")));
    restored.importAll(sink -> source.export(sink));
    logId = source.changeLog().logId();
    snapshotSeq = source.changeLog().lastSeq();
    states.put(snapshotSeq, RecordingVisitor.exported(source));

    List<Runnable> changes =
        List.of(
            () -> write(1, "app/db", 2),
            () -> write(0, "app/new", 1),
            () -> source.replacePolicy("ops", b("pol-1"), b("pol-2")),
            () -> source.putPolicy(new PolicyRecord("dev", b("pol-d"))),
            () -> source.deletePolicy("dev"),
            () -> source.putSystem(Map.of(SystemKey.ESCROW, b("escrow"))),
            () ->
                source.updateSystem(Map.of(SystemKey.KEYRING, b("ring")), Set.of(SystemKey.ESCROW)),
            () -> write(2, "app/db", 3));
    for (Runnable change : changes) {
      Thread.sleep(2); // distinct times, so that Until.time can fall between changes
      change.run();
      states.put(source.changeLog().lastSeq(), RecordingVisitor.exported(source));
    }
    ship();
  }

  @AfterEach
  void close() {
    source.close();
    restored.close();
  }

  private void write(long revision, String path, int version) {
    source.writeSecret(
        new SecretWrite(
            path,
            revision,
            b("meta-" + version),
            List.of(new VersionRecord(path, version, b("ct-" + version))),
            version > 2 ? List.of(1) : List.of()));
  }

  /** Ships what the source recorded after the snapshot (and before it: the log starts at 1). */
  private void ship() {
    ChainState state = ChainState.initial();
    List<Change> all = source.changesAfter(0, 1_000);
    for (int i = 0; i < all.size(); i += 3) {
      state =
          ChangeSegments.write(
              target, logId, state, all.subList(i, Math.min(i + 3, all.size())), KEY.clone());
    }
  }

  private List<Change> log() {
    return source.changesAfter(snapshotSeq, 1_000);
  }

  @Test
  void replay_toTheEnd_reproducesTheSource() {
    ReplayResult result =
        ChangeReplay.replay(restored, target, logId, snapshotSeq, Until.end(), KEY);

    assertThat(RecordingVisitor.exported(restored)).isEqualTo(RecordingVisitor.exported(source));
    List<Change> log = log();
    assertThat(result)
        .isEqualTo(
            new ReplayResult(
                source.changeLog().lastSeq(),
                Optional.of(log.get(log.size() - 1).at()),
                log.size()));
    // recorded in the restored store's own log
    assertThat(restored.changeLog().lastSeq()).isEqualTo(log.size());
  }

  @Test
  void replay_untilChange_reproducesTheStateAtThatChange() {
    for (long n = snapshotSeq; n <= source.changeLog().lastSeq(); n++) {
      try (SpikeStore copy = snapshotCopy()) {
        ReplayResult result =
            ChangeReplay.replay(copy, target, logId, snapshotSeq, Until.change(n), KEY);

        assertThat(RecordingVisitor.exported(copy))
            .as("until change %d", n)
            .isEqualTo(states.get(n));
        assertThat(result.lastSeq()).isEqualTo(n);
        assertThat(result.applied()).isEqualTo(n - snapshotSeq);
      }
    }
  }

  @Test
  void replay_untilTime_holdsExactlyTheChangesRecordedUpToIt() {
    for (Change change : log()) {
      for (Instant t : List.of(change.at(), change.at().minusMillis(1))) {
        long expected =
            log().stream()
                .filter(c -> !c.at().isAfter(t))
                .mapToLong(Change::seq)
                .max()
                .orElse(snapshotSeq);
        try (SpikeStore copy = snapshotCopy()) {
          ReplayResult result =
              ChangeReplay.replay(copy, target, logId, snapshotSeq, Until.time(t), KEY);

          assertThat(result.lastSeq()).as("until %s", t).isEqualTo(expected);
          assertThat(RecordingVisitor.exported(copy)).isEqualTo(states.get(expected));
        }
      }
    }
  }

  @Test
  void aDamagedSegmentAnywhereInTheRange_isRefusedBeforeAnythingIsApplied() {
    List<Object> before = RecordingVisitor.exported(restored);
    String last = target.objects.keySet().stream().reduce((a, b) -> b).orElseThrow();
    target.objects.get(last)[60] ^= 1;

    assertThatThrownBy(
            () ->
                ChangeReplay.replay(
                    restored, target, logId, snapshotSeq, Until.change(snapshotSeq + 1), KEY))
        .isInstanceOf(ChangeLogException.class)
        .hasMessageContaining(last);
    assertThat(RecordingVisitor.exported(restored)).isEqualTo(before);
    assertThat(restored.changeLog().lastSeq()).isZero();
  }

  @Test
  void untilAChangeTheLogDoesNotReach_orTheSnapshotPassed_isRefused() {
    long end = source.changeLog().lastSeq();
    assertThatThrownBy(
            () ->
                ChangeReplay.replay(
                    restored, target, logId, snapshotSeq, Until.change(end + 1), KEY))
        .isInstanceOf(ChangeLogException.class)
        .hasMessageContaining("ends at " + end);
    assertThatThrownBy(
            () -> ChangeReplay.replay(restored, target, logId, snapshotSeq, Until.change(1), KEY))
        .isInstanceOf(ChangeLogException.class)
        .hasMessageContaining("older than the snapshot");
    assertThat(restored.changeLog().lastSeq()).isZero();
  }

  @Test
  void replayOntoAStoreThatDiverged_stopsWithAStoreException() {
    restored.writeSecret(
        new SecretWrite("app/db", 1, b("x"), List.of(), List.of())); // not in the log

    assertThatThrownBy(
            () -> ChangeReplay.replay(restored, target, logId, snapshotSeq, Until.end(), KEY))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("does not apply");
  }

  @Test
  void aLogVerifiedBeforehand_isAppliedAsChecked_whateverTheTargetHoldsLater() {
    ChangeLogReader.Verified log = ChangeLogReader.read(target, logId, snapshotSeq, KEY);
    target.objects.clear();

    ReplayResult result = ChangeReplay.replay(restored, log, Until.change(snapshotSeq + 2));

    assertThat(result.lastSeq()).isEqualTo(snapshotSeq + 2);
    assertThat(RecordingVisitor.exported(restored)).isEqualTo(states.get(snapshotSeq + 2));
  }

  @Test
  void aSnapshotFile_recordsWhereTheReplayStarts() {
    Path file = dir.resolve("s.snap");
    try (SpikeStore original = Stores.open(new StoreConfig.Memory());
        SpikeStore fresh = Stores.open(new StoreConfig.Memory())) {
      original.putPolicy(new PolicyRecord("a", b("1")));
      SnapshotHeader header =
          SnapshotWriter.writeFile(
              original, file, SnapshotOptions.unsigned(Instant.EPOCH, "memory"));
      original.putPolicy(new PolicyRecord("b", b("2")));
      ChangeLogPosition position = header.changeLog().orElseThrow();
      ChangeSegments.write(
          target,
          position.logId(),
          ChainState.initial(),
          original.changesAfter(0, 10),
          KEY.clone());

      SnapshotRestorer.restore(file, fresh, false);
      ChangeReplay.replay(fresh, target, position.logId(), position.lastSeq(), Until.end(), KEY);

      assertThat(position.lastSeq()).isEqualTo(1);
      assertThat(RecordingVisitor.exported(fresh)).isEqualTo(RecordingVisitor.exported(original));
    }
  }

  private SpikeStore snapshotCopy() {
    SpikeStore copy = Stores.open(new StoreConfig.Memory());
    copy.importAll(sink -> restored.export(sink));
    return copy;
  }
}
