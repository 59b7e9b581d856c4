package io.spike.store.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTargetTest extends BackupTargetContractTest {
  @TempDir Path dir;

  @Override
  BackupTarget newTarget() {
    return BackupTargets.open(dir.resolve("backups").toString());
  }

  @Test
  void objectsAndDirectoriesArePrivate_andNoTemporaryFileIsLeft() throws Exception {
    target.put("changes/log-1/a", new byte[] {1});
    Path file = dir.resolve("backups/changes/log-1/a");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    try (var leftovers = Files.list(file.getParent())) {
      assertThat(leftovers.filter(f -> f.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void aFileUrlOpensTheSameDirectory() {
    target.put("x", new byte[] {9});
    try (BackupTarget same = BackupTargets.open(dir.resolve("backups").toUri().toString())) {
      assertThat(same.list("")).containsExactly("x");
      assertThat(same.describe()).isEqualTo(target.describe());
    }
  }
}
