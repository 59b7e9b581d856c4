package io.spike.store.target;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A target that is a local directory (or a mounted network file system): objects are files below
 * it, written whole (temporary file 0600, fsync, rename, fsync of the directory), directories
 * created 0700.
 */
final class DirectoryTarget implements BackupTarget {
  private final Path root;
  private final boolean posix;

  DirectoryTarget(Path root) {
    this.root = root.toAbsolutePath().normalize();
    this.posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  @Override
  public String describe() {
    return root.toString();
  }

  @Override
  public void put(String name, byte[] content) {
    write(name, out -> out.write(content));
  }

  @Override
  public void putFile(String name, Path file) {
    write(name, out -> Files.copy(file, out));
  }

  @Override
  public Optional<InputStream> open(String name) {
    Path file = resolve(name);
    try {
      return Optional.of(Files.newInputStream(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw failed("read", name, e);
    }
  }

  @Override
  public List<String> list(String prefix) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(Files::isRegularFile)
          .map(f -> root.relativize(f).toString().replace('\\', '/'))
          .filter(n -> n.startsWith(prefix) && TargetNames.isValid(n))
          .forEach(names::add);
    } catch (IOException | UncheckedIOException e) {
      throw new TargetException("cannot list " + describe() + ": " + e.getMessage(), e);
    }
    names.sort(String::compareTo);
    return names;
  }

  @Override
  public void delete(String name) {
    try {
      Files.deleteIfExists(resolve(name));
    } catch (IOException e) {
      throw failed("delete", name, e);
    }
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "DirectoryTarget[" + root + "]";
  }

  private Path resolve(String name) {
    return root.resolve(TargetNames.check(name));
  }

  private interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  private void write(String name, Body body) {
    Path file = resolve(name);
    Path dir = file.getParent();
    Path temp = null;
    try {
      createDirectories(dir);
      temp =
          posix
              ? Files.createTempFile(
                  dir,
                  "." + file.getFileName() + ".",
                  ".tmp",
                  PosixFilePermissions.asFileAttribute(
                      PosixFilePermissions.fromString("rw-------")))
              : Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        OutputStream out = Channels.newOutputStream(channel);
        body.writeTo(out);
        out.flush();
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
      syncDirectory(dir);
    } catch (IOException e) {
      throw failed("write", name, e);
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

  private void createDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null && !dir.equals(root)) {
      createDirectories(parent);
    }
    try {
      if (posix) {
        Files.createDirectory(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectory(dir);
      }
    } catch (java.nio.file.FileAlreadyExistsException e) {
      // a concurrent writer made it
    }
    syncDirectory(dir.getParent());
  }

  private void syncDirectory(Path dir) throws IOException {
    if (posix && dir != null) {
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      }
    }
  }

  private TargetException failed(String what, String name, IOException e) {
    return new TargetException(
        "cannot " + what + " " + name + " at " + describe() + ": " + e.getMessage(), e);
  }
}
