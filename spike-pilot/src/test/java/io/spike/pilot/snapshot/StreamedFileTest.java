package io.spike.pilot.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamedFileTest {
  @TempDir Path dir;

  @Test
  void commit_replacesTheTarget_withAnOwnerOnlyFile() throws Exception {
    Path target = dir.resolve("t.snap");
    Files.writeString(target, "old");
    try (StreamedFile f = StreamedFile.create(dir.resolve(".x"))) {
      assertThat(f.write(new ByteArrayInputStream(new byte[] {1, 2, 3}))).isEqualTo(3);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.temp())))
          .isEqualTo("rw-------");
      assertThat(Files.readString(target)).isEqualTo("old");
      f.commitTo(target);
    }
    assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void close_withoutCommit_deletesTheTemporaryFile() throws Exception {
    Path temp;
    try (StreamedFile f = StreamedFile.create(dir.resolve(".x"))) {
      f.write(new ByteArrayInputStream(new byte[] {1}));
      temp = f.temp();
      assertThat(temp).exists();
    }
    assertThat(temp).doesNotExist();
  }
}
