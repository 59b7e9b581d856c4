package io.spike.pilot.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinnedSnapshotTest {
  @TempDir Path dir;

  @Test
  void copyOf_isAPrivateCopy_thatOutlivesChangesToTheOriginal_andIsDeletedOnClose()
      throws Exception {
    Path original = Files.writeString(dir.resolve("s.snap"), "SPIKESNP the checked bytes");
    Path tmp = Files.createDirectories(dir.resolve("tmp"));

    Path copy;
    try (PinnedSnapshot pinned = PinnedSnapshot.copyOf(original, tmp)) {
      copy = pinned.path();
      Files.writeString(original, "SPIKESNP swapped in after the check");

      assertThat(pinned.original()).isEqualTo(original);
      assertThat(Files.readString(copy)).isEqualTo("SPIKESNP the checked bytes");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)))
          .isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy.getParent())))
          .isEqualTo("rwx------");
      assertThat(copy.getParent().getParent()).isEqualTo(tmp);
    }
    assertThat(copy).doesNotExist();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.toList()).isEmpty();
    }
  }

  @Test
  void copyOf_missingFile_throws_andLeavesNothing() throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));

    assertThatThrownBy(() -> PinnedSnapshot.copyOf(dir.resolve("none.snap"), tmp))
        .isInstanceOf(NoSuchFileException.class);
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.toList()).isEmpty();
    }
  }

  @Test
  void tempRoot_isTmpdir_elseTheJvmsTemporaryDirectory() {
    assertThat(PinnedSnapshot.tempRoot(Map.of("TMPDIR", "/var/tmp/x")))
        .isEqualTo(Path.of("/var/tmp/x"));
    assertThat(PinnedSnapshot.tempRoot(Map.of("TMPDIR", " ")))
        .isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
    assertThat(PinnedSnapshot.tempRoot(Map.of()))
        .isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
  }
}
