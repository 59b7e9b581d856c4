package io.spike.nexus.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fresh private directory under {@code java.io.tmpdir} (0700 where the file system has POSIX
 * permissions) for one round's local copy of a snapshot; {@link #close} deletes it and everything
 * in it (a file that will not go is logged at WARN, never thrown).
 */
final class ScratchDirectory implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScratchDirectory.class);

  private final Path path;

  private ScratchDirectory(Path path) {
    this.path = path;
  }

  /**
   * Creates one whose name starts with {@code prefix}.
   *
   * @throws UncheckedIOException when it cannot be created (the message says why)
   */
  static ScratchDirectory create(String prefix) {
    try {
      return new ScratchDirectory(
          FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
              ? Files.createTempDirectory(
                  prefix,
                  PosixFilePermissions.asFileAttribute(
                      PosixFilePermissions.fromString("rwx------")))
              : Files.createTempDirectory(prefix));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a scratch directory: " + e.getMessage(), e);
    }
  }

  /** {@code name} inside it. */
  Path resolve(String name) {
    return path.resolve(name);
  }

  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(path)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("cannot delete the scratch directory {}: {}", path, e.getMessage());
    }
  }
}
