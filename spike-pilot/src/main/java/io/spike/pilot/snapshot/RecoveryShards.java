package io.spike.pilot.snapshot;

import io.spike.crypto.SecretBytes;
import io.spike.crypto.Shard;
import io.spike.crypto.ShardFormatException;
import io.spike.crypto.ShardText;
import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The recovery shard files of a directory, as {@code spike operator recover} writes them: every
 * {@code spike.recovery.*.txt}, each holding one {@code spike:<id>:<64 lowercase hex>}.
 *
 * <p>A malformed file is bad usage (exit 2) naming the file, never its content; a directory without
 * shard files too. File bytes are wiped after decoding; the shards are the caller's to destroy.
 * Identical shards in two files count once.
 */
public final class RecoveryShards {
  /** The files read. */
  public static final String GLOB = "spike.recovery.*.txt";

  private static final int MAX_FILE_BYTES = 4096;

  private RecoveryShards() {}

  /** The shards in {@code dir}, ordered by id. */
  public static List<Shard> fromDir(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new UsageException(
          "--shards "
              + dir
              + " is not a directory; give the directory spike operator recover"
              + " wrote the spike.recovery.<id>.txt files into");
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, GLOB)) {
      found.forEach(files::add);
    } catch (IOException e) {
      throw new CliFailure("cannot list " + dir + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new UsageException(
          "no recovery shard files ("
              + GLOB
              + ") in "
              + dir
              + "; give the directory spike"
              + " operator recover wrote them into");
    }
    files.sort(Comparator.naturalOrder());
    List<Shard> shards = new ArrayList<>();
    try {
      for (Path file : files) {
        Shard shard = read(file);
        if (shards.contains(shard)) {
          shard.destroy();
        } else {
          shards.add(shard);
        }
      }
    } catch (RuntimeException e) {
      shards.forEach(Shard::destroy);
      throw e;
    }
    shards.sort(Comparator.comparingInt(Shard::id));
    return shards;
  }

  private static Shard read(Path file) {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new UsageException("shard file " + file + " is too large to be a recovery shard");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CliFailure("cannot read shard file " + file + ": " + e.getMessage(), e);
    }
    try {
      return ShardText.decode(new String(bytes, StandardCharsets.UTF_8));
    } catch (ShardFormatException e) {
      throw new UsageException(
          "shard file "
              + file
              + " is not a recovery shard ("
              + e.getMessage()
              + "); a shard"
              + " file holds one line spike:<id>:<64 lowercase hex>, as spike operator recover writes it");
    } finally {
      SecretBytes.wipe(bytes);
    }
  }
}
