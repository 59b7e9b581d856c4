package io.spike.pilot.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.crypto.Shard;
import io.spike.pilot.cli.UsageException;
import io.spike.pilot.testing.TestShards;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryShardsTest {
  @TempDir Path dir;

  private final TestShards shards = new TestShards();

  @Test
  void fromDir_readsEveryShardFile_byId_ignoringOthers_andDuplicates() throws Exception {
    Files.writeString(dir.resolve("spike.recovery.3.txt"), shards.text(3) + "\n");
    Files.writeString(dir.resolve("spike.recovery.1.txt"), "  " + shards.text(1) + "\r\n");
    Files.writeString(dir.resolve("spike.recovery.1-copy.txt"), shards.text(1));
    Files.writeString(dir.resolve("notes.txt"), "not a shard");

    List<Shard> read = RecoveryShards.fromDir(dir);

    assertThat(read).extracting(Shard::id).containsExactly(1, 3);
    read.forEach(Shard::destroy);
  }

  @Test
  void fromDir_malformed_isUsage_namingTheFileNotItsContent() throws Exception {
    Files.writeString(
        dir.resolve("spike.recovery.2.txt"), "spike:2:" + shards.hex(2).toUpperCase());

    assertThatThrownBy(() -> RecoveryShards.fromDir(dir))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("spike.recovery.2.txt is not a recovery shard")
        .hasMessageNotContaining(shards.hex(2).toUpperCase().substring(0, 16));
  }

  @Test
  void fromDir_noFilesOrNoDirectory_isUsage() throws Exception {
    assertThatThrownBy(() -> RecoveryShards.fromDir(dir))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("no recovery shard files");
    assertThatThrownBy(() -> RecoveryShards.fromDir(dir.resolve("missing")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("is not a directory");
  }
}
