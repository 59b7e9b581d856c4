package io.spike.pilot.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.crypto.Shard;
import io.spike.crypto.ShardText;
import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.UsageException;
import io.spike.pilot.testing.TestShards;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardInputTest {
  @TempDir Path tmp;

  private final TestShards shards = new TestShards();

  @Test
  void fromFiles_readsOneShardPerFile_inOrder() throws Exception {
    Path a = Files.writeString(tmp.resolve("a"), shards.text(3) + "\n");
    Path b = Files.writeString(tmp.resolve("b"), "\n" + shards.text(1));

    List<Shard> read = ShardInput.fromFiles(List.of(a, b));

    assertThat(read).extracting(Shard::id).containsExactly(3, 1);
    assertThat(ShardText.encode(read.get(0))).isEqualTo(shards.text(3));
  }

  @Test
  void fromFiles_emptyFile_isBadUsage() throws Exception {
    Path empty = Files.writeString(tmp.resolve("empty"), "\n");

    assertThatThrownBy(() -> ShardInput.fromFiles(List.of(empty)))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("holds 0 non-empty lines");
  }

  @Test
  void fromFiles_missing_isAFailure() {
    assertThatThrownBy(() -> ShardInput.fromFiles(List.of(tmp.resolve("none"))))
        .isInstanceOf(CliFailure.class);
  }

  @Test
  void decode_malformed_isBadUsage_withoutEchoingTheText() {
    String hex = shards.hex(1);
    List<String> malformed =
        List.of(
            "SPIKE:1:" + hex,
            "spike:1:" + hex.toUpperCase(Locale.ROOT),
            "spike:0:" + hex,
            "spike:01:" + hex,
            "spike:1:" + hex.substring(1),
            "spike:1:" + hex + "0",
            "spike:1",
            "1:" + hex,
            "spike:1:" + hex + " extra");

    for (String text : malformed) {
      assertThatThrownBy(() -> ShardInput.decode(text.toCharArray(), "stdin line 4"))
          .as(text)
          .isInstanceOf(UsageException.class)
          .hasMessageStartingWith("stdin line 4 is not a recovery shard")
          .hasMessageNotContaining(hex.substring(10, 40));
    }
  }

  @Test
  void fromLines_skipsBlankLines_andNamesTheBadLine() {
    byte[] input = ("\n" + shards.text(2) + "\n \nnope\n").getBytes(StandardCharsets.UTF_8);
    try (SecretLines lines = SecretLines.of(input, "stdin")) {
      assertThatThrownBy(() -> ShardInput.fromLines(lines, "stdin"))
          .hasMessageStartingWith("stdin line 4 ");
    }
    byte[] good = ("\n" + shards.text(2) + "\n \n").getBytes(StandardCharsets.UTF_8);
    try (SecretLines lines = SecretLines.of(good, "stdin")) {
      assertThat(ShardInput.fromLines(lines, "stdin")).extracting(Shard::id).containsExactly(2);
    }
  }
}
