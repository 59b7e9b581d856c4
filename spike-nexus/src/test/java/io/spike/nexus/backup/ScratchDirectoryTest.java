package io.spike.nexus.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

class ScratchDirectoryTest {

  @Test
  void isPrivate_underTheTempDir_andCloseDeletesItWithEverythingInIt() throws IOException {
    ScratchDirectory scratch = ScratchDirectory.create("spike-scratch-test-");
    Path file = scratch.resolve("a.snap");
    Path dir = file.getParent();
    Files.writeString(file, "copy");
    Files.createDirectories(scratch.resolve("nested/deeper"));
    Files.writeString(scratch.resolve("nested/deeper/b"), "more");

    assertThat(dir.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
    assertThat(dir.getFileName().toString()).startsWith("spike-scratch-test-");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");

    scratch.close();

    assertThat(dir).doesNotExist();
    scratch.close();
  }
}
