package io.spike.store.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.store.snapshot.SnapshotWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotNamesTest {
  @TempDir Path dir;

  @Test
  void timeInName_acceptsOnlyTheWritersNames() {
    Instant t = Instant.parse("2031-02-03T04:05:06Z");
    assertThat(SnapshotNames.timeInName(SnapshotWriter.fileName(t))).contains(t);
    assertThat(SnapshotNames.timeInName("spike-snapshot-2031.snap")).isEmpty();
    assertThat(SnapshotNames.timeInName("spike-snapshot-20310203T040506Z.snap.tmp")).isEmpty();
    assertThat(SnapshotNames.timeInName("other-20310203T040506Z.snap")).isEmpty();
    assertThat(SnapshotNames.timeInName("spike-snapshot-20311303T040506Z.snap")).isEmpty();
  }

  @Test
  void newestFirst_ordersByTheTimeInTheName_andLeavesOthersOut() {
    assertThat(
            SnapshotNames.newestFirst(
                    List.of(
                        "spike-snapshot-20300101T000000Z.snap",
                        "notes.txt",
                        "spike-snapshot-20310101T000000Z.snap",
                        "spike-snapshot-latest.snap"))
                .values())
        .containsExactly(
            "spike-snapshot-20310101T000000Z.snap", "spike-snapshot-20300101T000000Z.snap");
  }

  @Test
  void newest_isTheLatestSnapshotAtTheTarget_orEmpty() {
    try (BackupTarget target = BackupTargets.open(dir.toString())) {
      assertThat(SnapshotNames.newest(target)).isEmpty();
      target.put("spike-snapshot-20300101T000000Z.snap", new byte[] {1});
      target.put("spike-snapshot-20290101T000000Z.snap", new byte[] {1});
      target.put("spike-snapshot-zzz.snap", new byte[] {1});
      assertThat(SnapshotNames.newest(target)).contains("spike-snapshot-20300101T000000Z.snap");
    }
  }
}
