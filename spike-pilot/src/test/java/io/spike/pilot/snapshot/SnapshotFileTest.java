package io.spike.pilot.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.testing.SnapshotFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFileTest {
  @TempDir Path dir;

  @Test
  void intact_givesTheHeader_orFailsNamingTheSection() {
    Path snap = new SnapshotFixture().snapshot(dir.resolve("s.snap"));
    assertThat(SnapshotFile.intact(snap, "x").counts().versions()).isEqualTo(3);

    SnapshotFixture.flipByteIn(snap, "end");
    assertThatThrownBy(() -> SnapshotFile.intact(snap, "do this"))
        .isInstanceOf(CliFailure.class)
        .hasMessageStartingWith("snapshot " + snap + " is damaged in section ")
        .hasMessageEndingWith("; do this");
    assertThatThrownBy(() -> SnapshotFile.inspect(dir.resolve("no")))
        .isInstanceOf(CliFailure.class)
        .hasMessageStartingWith("no snapshot file ");
  }
}
