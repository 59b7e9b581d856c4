package io.spike.pilot.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * A private copy of a snapshot file, so that the bytes whose signature was checked are the bytes
 * loaded. Restore and drill read a snapshot several times (inspect, signature, records); whoever
 * can write the backup directory could swap the file between two of those reads, so they all read
 * this copy instead: a file 0600 in a fresh 0700 directory under the temporary directory ({@code
 * $TMPDIR}, else {@code java.io.tmpdir}). {@link #close()} deletes both.
 *
 * <p>It needs as much free space there as the snapshot's size.
 */
public final class PinnedSnapshot implements AutoCloseable {
  private final Path original;
  private final Path dir;
  private final Path copy;

  private PinnedSnapshot(Path original, Path dir, Path copy) {
    this.original = original;
    this.dir = dir;
    this.copy = copy;
  }

  /**
   * The temporary directory for copies: {@code TMPDIR} of {@code env} when set, else {@code
   * java.io.tmpdir}.
   */
  public static Path tempRoot(Map<String, String> env) {
    String tmp = env.get("TMPDIR");
    return Path.of(
        tmp == null || tmp.isBlank() ? System.getProperty("java.io.tmpdir") : tmp.trim());
  }

  /** Copies {@code file} into a new private directory under {@code tempRoot}. */
  public static PinnedSnapshot copyOf(Path file, Path tempRoot) throws IOException {
    Path dir =
        Files.createTempDirectory(
            tempRoot,
            "spike-snapshot-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path copy = dir.resolve("pinned.snap");
    try {
      Files.createFile(
          copy, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (InputStream in = Files.newInputStream(file);
          OutputStream out = Files.newOutputStream(copy, StandardOpenOption.WRITE)) {
        in.transferTo(out);
      }
      return new PinnedSnapshot(file, dir, copy);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(copy);
      Files.deleteIfExists(dir);
      throw e;
    }
  }

  /** The file named on the command line (for messages). */
  public Path original() {
    return original;
  }

  /** The private copy: read this, never {@link #original()}. */
  public Path path() {
    return copy;
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(copy);
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // Best effort: a leftover copy is ciphertext only, in a directory only we can read.
    }
  }
}
