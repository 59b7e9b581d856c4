package io.spike.nexus;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Creates the directories a Nexus keeps private files in: owner-only on POSIX file systems. */
public final class PrivateDirectory {
  private PrivateDirectory() {}

  /**
   * Creates {@code dir} and its missing parents, mode {@code rwx------} where the file system has
   * POSIX permissions; does nothing when it is already a directory.
   *
   * @throws IOException when it cannot be created
   */
  public static void create(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
    }
  }
}
