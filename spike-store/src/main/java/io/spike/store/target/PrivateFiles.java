package io.spike.store.target;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Local files that only their owner can read (0600 where the file system has permissions). */
final class PrivateFiles {
  private PrivateFiles() {}

  /** Writes {@code in} to {@code file}, replacing it, created 0600 before any byte lands. */
  static void copy(InputStream in, Path file) throws IOException {
    Files.deleteIfExists(file);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      in.transferTo(out);
    }
  }
}
