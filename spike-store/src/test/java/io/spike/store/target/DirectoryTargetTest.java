package io.spike.store.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTargetTest {
  @TempDir Path dir;

  @Test
  void objectsAreWrittenWholeListedSortedAndPrivate() throws Exception {
    BackupTarget target = BackupTargets.open(dir.resolve("backups").toString());
    target.put("changes/log-1/b", "two".getBytes(StandardCharsets.UTF_8));
    target.put("changes/log-1/a", "one".getBytes(StandardCharsets.UTF_8));
    target.put("spike-snapshot-1.snap", new byte[] {1, 2, 3});

    assertThat(target.list("changes/")).containsExactly("changes/log-1/a", "changes/log-1/b");
    assertThat(target.list("")).hasSize(3);
    try (InputStream in = target.open("changes/log-1/a").orElseThrow()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("one");
    }
    Path file = dir.resolve("backups/changes/log-1/a");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    try (var leftovers = Files.list(file.getParent())) {
      assertThat(leftovers.filter(f -> f.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }

    target.delete("changes/log-1/a");
    assertThat(target.open("changes/log-1/a")).isEmpty();
    assertThat(target.list("changes/")).containsExactly("changes/log-1/b");
  }

  @Test
  void putFileAndDownloadCopyBytes() throws Exception {
    BackupTarget target = BackupTargets.open(dir.toUri().toString());
    Path source = Files.write(dir.resolve("source.bin"), new byte[] {9, 8, 7});
    target.putFile("copies/x.bin", source);
    Path back = dir.resolve("back.bin");
    target.download("copies/x.bin", back);
    assertThat(Files.readAllBytes(back)).containsExactly(9, 8, 7);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(back)))
        .isEqualTo("rw-------");
    assertThatThrownBy(() -> target.download("copies/none", back))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("copies/none");
  }

  @Test
  void namesThatEscapeTheTargetAreRefused() {
    BackupTarget target = BackupTargets.open(dir.toString());
    for (String name : new String[] {"../x", "/abs", "a//b", ".hidden", "a/./b", "", "a b"}) {
      assertThatThrownBy(() -> target.put(name, new byte[1]))
          .as(name)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void unknownSchemesAreRefusedWithoutEchoingTheUrl() {
    assertThatThrownBy(() -> BackupTargets.open("ftp://user:hunter2@host/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown backup target scheme ftp")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> BackupTargets.open(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void listingAMissingDirectoryIsEmpty() {
    assertThat(BackupTargets.open(dir.resolve("none").toString()).list("")).isEmpty();
  }
}
