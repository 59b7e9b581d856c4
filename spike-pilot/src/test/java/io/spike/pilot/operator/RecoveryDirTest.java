package io.spike.pilot.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.crypto.ShardText;
import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.testing.TestShards;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryDirTest {
  @TempDir Path tmp;

  @Test
  void resolve_prefersFlag_thenEnvironment_thenHome() {
    Path home = tmp.resolve("home");
    Map<String, String> env = Map.of(RecoveryDir.ENV, "~/from-env");

    assertThat(RecoveryDir.resolve(tmp.resolve("flag"), env, home).path())
        .isEqualTo(tmp.resolve("flag"));
    assertThat(RecoveryDir.resolve(null, env, home).path()).isEqualTo(home.resolve("from-env"));
    assertThat(RecoveryDir.resolve(null, Map.of(RecoveryDir.ENV, " "), home).path())
        .isEqualTo(home.resolve(".spike/recover"));
  }

  @Test
  void prepare_createsOwnerOnly_andFlagsAnOpenDirectory() throws Exception {
    RecoveryDir fresh = new RecoveryDir(tmp.resolve("a/b"));
    Path open = Files.createDirectory(tmp.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));

    assertThat(fresh.prepare()).isFalse();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.path())))
        .isEqualTo("rwx------");
    assertThat(new RecoveryDir(open).prepare()).isTrue();
  }

  @Test
  void write_replacesAnExistingFile_ownerOnly_andLeavesNoTemporaryFile() throws Exception {
    TestShards shards = new TestShards();
    RecoveryDir dir = new RecoveryDir(tmp);
    Path existing = Files.writeString(tmp.resolve("spike.recovery.2.txt"), "stale");
    Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-r--r--"));

    Path written = dir.write(ShardText.decode(shards.text(2)));

    assertThat(written).isEqualTo(existing);
    assertThat(Files.readString(written)).isEqualTo(shards.text(2) + "\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written)))
        .isEqualTo("rw-------");
    try (Stream<Path> all = Files.list(tmp)) {
      assertThat(all).containsExactly(written);
    }
  }

  @Test
  void deleteOld_countsWhatItDeleted() throws Exception {
    Files.writeString(tmp.resolve("spike.recovery.1.txt"), "x");
    Files.writeString(tmp.resolve("spike.recovery.txt"), "x");
    Files.writeString(tmp.resolve("other.txt"), "x");

    assertThat(new RecoveryDir(tmp).deleteOld()).isEqualTo(2);
    assertThat(tmp.resolve("other.txt")).exists();
  }

  @Test
  void prepare_whereAFileIs_failsNamingTheWayOut() throws Exception {
    Path file = Files.writeString(tmp.resolve("file"), "x");

    assertThatThrownBy(() -> new RecoveryDir(file.resolve("sub")).prepare())
        .isInstanceOf(CliFailure.class)
        .hasMessageContaining("--dir");
  }
}
