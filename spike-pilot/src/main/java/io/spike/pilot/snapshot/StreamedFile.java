package io.spike.pilot.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A file written from a stream the safe way: into a temporary file beside the target, created 0600
 * from its first byte, synced, then (once the caller has checked it) renamed over the target and
 * the directory synced. Until {@link #commitTo} the target is untouched, so a stream that breaks
 * off or a damaged download never replaces a good file; {@link #close()} without a commit deletes
 * the temporary file.
 */
final class StreamedFile implements AutoCloseable {
  private final Path temp;
  private boolean committed;

  private StreamedFile(Path temp) {
    this.temp = temp;
  }

  /**
   * Creates the temporary file {@code <prefix>.<random>.tmp} beside {@code prefix} (whose directory
   * must exist); the target is named at {@link #commitTo}, in the same directory.
   */
  static StreamedFile create(Path prefix) throws IOException {
    Path dir = prefix.toAbsolutePath().getParent();
    Path temp =
        Files.createTempFile(
            dir,
            prefix.getFileName() + ".",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    return new StreamedFile(temp);
  }

  /** Copies {@code in} to the temporary file and syncs it; returns the bytes written. */
  long write(InputStream in) throws IOException {
    try (FileChannel ch =
            FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        OutputStream out = Channels.newOutputStream(ch)) {
      long n = in.transferTo(out);
      out.flush();
      ch.force(true);
      return n;
    }
  }

  /** The temporary file, for checks before the commit. */
  Path temp() {
    return temp;
  }

  /** Renames the temporary file over {@code target} (same directory) and syncs the directory. */
  void commitTo(Path target) throws IOException {
    Path abs = target.toAbsolutePath();
    Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    committed = true;
    try (FileChannel d = FileChannel.open(abs.getParent(), StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | RuntimeException ignored) {
      // Not every file system syncs a directory; the file itself is synced.
    }
  }

  @Override
  public void close() {
    if (!committed) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // A leftover hidden temporary file is harmless; the command's own message says what failed.
      }
    }
  }
}
