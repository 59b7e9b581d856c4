package io.spike.store.snapshot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that readers see either nothing or all of it, and so that it survives a power
 * cut once written: temporary file in the same directory (owner read-write only), fsync, rename,
 * fsync of the directory (which makes the rename durable). Failures delete the temporary file.
 */
final class AtomicFile {

  /**
   * Writes the content into the channel, from its start, leaving nothing buffered; {@code dir} is
   * the target's directory, for any scratch files.
   */
  @FunctionalInterface
  interface Content<T> {
    T writeTo(FileChannel channel, Path dir) throws IOException;
  }

  private AtomicFile() {}

  static <T> T write(Path file, Content<T> content) {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Path temp = null;
    try {
      temp =
          posix
              ? Files.createTempFile(
                  dir,
                  "." + target.getFileName() + ".",
                  ".tmp",
                  PosixFilePermissions.asFileAttribute(
                      PosixFilePermissions.fromString("rw-------")))
              : Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      T result;
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        result = content.writeTo(channel, dir);
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
      if (posix) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
          d.force(true);
        }
      }
      return result;
    } catch (IOException e) {
      throw new SnapshotException("cannot write snapshot " + target + ": " + e, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // nothing more to do: the directory refuses changes
        }
      }
    }
  }
}
