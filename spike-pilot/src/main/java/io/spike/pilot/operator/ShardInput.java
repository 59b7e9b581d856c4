package io.spike.pilot.operator;

import io.spike.crypto.Shard;
import io.spike.crypto.ShardFormatException;
import io.spike.crypto.ShardText;
import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Recovery shards in their text form ({@code spike:<id>:<64 lowercase hex>}, DESIGN §5) from files
 * or from lines of stdin. Every shard is parsed before the caller sends any, so malformed input is
 * bad usage (exit 2) with nothing sent.
 *
 * <p>Security: error messages name the file or line, never its content; file bytes and line buffers
 * are wiped; the returned shards are the caller's to destroy.
 */
final class ShardInput {
  /** The one-line rule, for messages. */
  static final String FORMAT =
      "a recovery shard is one line spike:<id>:<64 lowercase hex>,"
          + " as written by spike operator recover";

  private ShardInput() {}

  /** One shard per file; a missing or unreadable file is a failure, a malformed one bad usage. */
  static List<Shard> fromFiles(List<Path> files) {
    List<Shard> shards = new ArrayList<>();
    try {
      for (Path file : files) {
        shards.add(fromFile(file));
      }
      return shards;
    } catch (RuntimeException e) {
      shards.forEach(Shard::destroy);
      throw e;
    }
  }

  /**
   * One shard per non-blank line of {@code lines}; {@code source} names them (e.g. {@code stdin}).
   */
  /**
   * The shards of {@code files}; when none are given, one per line of {@code stdin}, at least one
   * ({@link UsageException} otherwise). The caller destroys them.
   */
  static List<Shard> fromFilesOrStdin(List<Path> files, InputStream stdin) {
    if (!files.isEmpty()) {
      return fromFiles(files);
    }
    try (SecretLines lines = SecretLines.read(stdin, "stdin")) {
      List<Shard> shards = fromLines(lines, "stdin");
      if (shards.isEmpty()) {
        throw new UsageException(
            "no recovery shard on stdin; pipe one shard per line, or give --file F once per shard");
      }
      return shards;
    }
  }

  static List<Shard> fromLines(SecretLines lines, String source) {
    List<Shard> shards = new ArrayList<>();
    try {
      List<char[]> all = lines.lines();
      for (int i = 0; i < all.size(); i++) {
        if (!SecretLines.blank(all.get(i))) {
          shards.add(decode(all.get(i), source + " line " + (i + 1)));
        }
      }
      return shards;
    } catch (RuntimeException e) {
      shards.forEach(Shard::destroy);
      throw e;
    }
  }

  /**
   * Parses one shard typed at a prompt or read from a line; {@code source} names it in messages.
   */
  static Shard decode(char[] text, String source) {
    try {
      return ShardText.decode(new String(text));
    } catch (ShardFormatException e) {
      throw new UsageException(
          source
              + " is not a recovery shard ("
              + e.getMessage()
              + "); "
              + FORMAT
              + "; nothing was sent");
    }
  }

  private static Shard fromFile(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CliFailure(
          "cannot read shard file " + file + ": it does not exist; nothing was sent");
    } catch (IOException e) {
      throw new CliFailure(
          "cannot read shard file " + file + ": " + e.getMessage() + "; nothing was sent", e);
    }
    try (SecretLines lines = SecretLines.of(bytes, "shard file " + file)) {
      List<char[]> content = lines.lines().stream().filter(l -> !SecretLines.blank(l)).toList();
      if (content.size() != 1) {
        throw new UsageException(
            "shard file "
                + file
                + " holds "
                + content.size()
                + " non-empty lines; "
                + FORMAT
                + "; nothing was sent");
      }
      return decode(content.get(0), "shard file " + file);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
