package io.spike.pilot.operator;

import io.spike.config.Environment;
import io.spike.config.Settings;
import io.spike.crypto.Shard;
import io.spike.crypto.ShardText;
import io.spike.pilot.cli.CliFailure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The directory {@code spike operator recover} writes shard files into: {@code --dir}, else {@code
 * SPIKE_PILOT_RECOVERY_DIR}, else {@code ~/.spike/recover}.
 *
 * <p>Each file is {@code spike.recovery.<id>.txt} holding {@code spike:<id>:<64 hex>} and a
 * newline. Security: the directory is created 0700; a file is created 0600 from its first byte (a
 * temporary file made with those permissions, synced, then renamed into place), so it is never
 * readable by others, not even briefly; the bytes written are wiped.
 */
final class RecoveryDir {
  static final String ENV = Settings.PILOT_RECOVERY_DIR.name();
  static final String GLOB = "spike.recovery*.txt";
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");

  private final Path dir;

  RecoveryDir(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /** The directory from the flag, the environment or the default, {@code ~} expanded. */
  static RecoveryDir resolve(Path flag, Map<String, String> env, Path home) {
    if (flag != null) {
      return new RecoveryDir(expand(flag.toString(), home));
    }
    return new RecoveryDir(
        Environment.of(env)
            .find(Settings.PILOT_RECOVERY_DIR)
            .map(p -> expand(p.toString(), home))
            .orElseGet(() -> home.resolve(".spike").resolve("recover")));
  }

  Path path() {
    return dir;
  }

  /**
   * Creates the directory (0700) when missing. Returns true when an existing one is open to group
   * or others, which the caller warns about.
   */
  boolean prepare() {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        Files.setPosixFilePermissions(dir, OWNER_DIR);
        return false;
      }
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
      return !OWNER_DIR.containsAll(perms);
    } catch (IOException e) {
      throw new CliFailure(
          "cannot create the recovery directory "
              + dir
              + ": "
              + e.getMessage()
              + "; choose another with --dir or "
              + ENV,
          e);
    }
  }

  /** Deletes every earlier {@code spike.recovery*.txt} here; returns how many. */
  int deleteOld() {
    List<Path> old = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, GLOB)) {
      for (Path f : files) {
        if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(f)) {
          old.add(f);
        }
      }
      for (Path f : old) {
        Files.delete(f);
      }
    } catch (IOException e) {
      throw new CliFailure(
          "cannot delete the earlier shard files in "
              + dir
              + ": "
              + e.getMessage()
              + "; remove them by hand and retry",
          e);
    }
    return old.size();
  }

  /** Writes {@code shard} to {@code spike.recovery.<id>.txt}, mode 0600; returns the file. */
  Path write(Shard shard) {
    Path target = dir.resolve(ShardText.fileName(shard.id()));
    byte[] content = (ShardText.encode(shard) + "\n").getBytes(StandardCharsets.US_ASCII);
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, ".spike.recovery.", ".tmp", OWNER_FILE);
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
      syncDirectory();
      return target;
    } catch (IOException e) {
      throw new CliFailure(
          "cannot write " + target + ": " + e.getMessage() + "; check the directory and retry", e);
    } finally {
      Arrays.fill(content, (byte) 0);
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // Nothing secret is left behind by a failed write worth failing over: the message above
          // says what broke.
        }
      }
    }
  }

  private void syncDirectory() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | RuntimeException ignored) {
      // Not every file system lets a directory be synced; the files themselves are.
    }
  }

  private static Path expand(String text, Path home) {
    if (text.equals("~")) {
      return home;
    }
    return text.startsWith("~/") ? home.resolve(text.substring(2)) : Path.of(text);
  }
}
