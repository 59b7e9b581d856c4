package io.spike.pilot.cipher;

import io.spike.pilot.cli.CliContext;
import io.spike.pilot.cli.CliFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Input from a file or stdin, output to a file (written whole, owner-only) or stdout. */
final class Streams {
  private Streams() {}

  /** All bytes of {@code file}, or of stdin when it is null. */
  static byte[] readAll(CliContext ctx, Path file) {
    try {
      return file == null ? ctx.in().readAllBytes() : Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CliFailure("cannot read " + file + ": it does not exist");
    } catch (IOException e) {
      throw new CliFailure(
          "cannot read " + (file == null ? "stdin" : file.toString()) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code bytes} to {@code file} (mode 0600, through a temporary file and a rename, so a
   * reader never sees half of it), or to stdout when null.
   */
  static void writeAll(CliContext ctx, Path file, byte[] bytes) {
    try {
      if (file == null) {
        OutputStream out = ctx.out();
        out.write(bytes);
        out.flush();
        return;
      }
      Path abs = file.toAbsolutePath();
      Path tmp =
          Files.createTempFile(
              abs.getParent(),
              "." + abs.getFileName(),
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.write(tmp, bytes);
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new CliFailure(
          "cannot write " + (file == null ? "stdout" : file.toString()) + ": " + e.getMessage(), e);
    }
  }
}
