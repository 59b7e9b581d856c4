package io.spike.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive operating-system lock on {@code <data dir>/nexus.lock} ({@link
 * FileChannel#tryLock}).
 *
 * <p>Nexus holds it for its whole life when the backend is SQLite, so that offline tools that
 * rewrite the store (reset, snapshot restore) can refuse to touch a live store: they call {@link
 * #tryAcquire} and stop when it is empty. The lock belongs to the process; the operating system
 * drops it when the process dies, even by {@code kill -9}, so a crash never leaves a stale lock
 * behind. The file itself stays (deleting a lock file races with the next taker); it holds no data
 * and is created with mode 0600.
 *
 * <p>POSIX record locks belong to the process, and closing <em>any</em> descriptor of the file
 * drops every lock the process holds on it. So a second taker in the same JVM must not even open
 * the file: a JVM-wide set of held lock files (the one piece of static state here, mirroring the
 * JVM-wide nature of the lock) answers it first. Nothing else in the process may open the file.
 *
 * <p>Not for PostgreSQL: several Nexus replicas share one database on purpose.
 */
public final class StoreLock implements AutoCloseable {

  /** The lock file's name inside the data directory. */
  public static final String FILE_NAME = "nexus.lock";

  private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private StoreLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock on {@code <dataDir>/nexus.lock} without waiting.
   *
   * @param dataDir an existing directory
   * @return the held lock, or empty when another process (or another holder in this process) has it
   * @throws StoreException when the directory is missing or the lock file cannot be opened
   */
  public static Optional<StoreLock> tryAcquire(Path dataDir) {
    Objects.requireNonNull(dataDir, "dataDir");
    if (!Files.isDirectory(dataDir)) {
      throw new StoreException("data directory " + dataDir + " does not exist");
    }
    Path file = dataDir.resolve(FILE_NAME);
    Path key;
    try {
      key = dataDir.toRealPath().resolve(FILE_NAME);
    } catch (IOException e) {
      throw new StoreException("cannot resolve data directory " + dataDir, e);
    }
    if (!HELD_IN_THIS_JVM.add(key)) {
      return Optional.empty();
    }
    FileChannel channel = null;
    try {
      createIfMissing(file);
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return Optional.of(new StoreLock(key, channel, lock));
      }
    } catch (OverlappingFileLockException heldHere) {
      // Locked in this JVM outside this class. Closing our descriptor would drop that lock, so
      // leave it open: one descriptor leaked on a path that should never be taken.
      HELD_IN_THIS_JVM.remove(key);
      return Optional.empty();
    } catch (IOException e) {
      closeQuietly(channel);
      HELD_IN_THIS_JVM.remove(key);
      throw new StoreException(
          "cannot lock " + file + "; check that the data directory is writable", e);
    }
    closeQuietly(channel);
    HELD_IN_THIS_JVM.remove(key);
    return Optional.empty();
  }

  /** The lock file. */
  public Path file() {
    return file;
  }

  /** Releases the lock. Idempotent. */
  @Override
  public synchronized void close() {
    if (!channel.isOpen()) {
      return;
    }
    try {
      lock.release();
    } catch (IOException e) {
      // closing the channel below releases it as well
    } finally {
      closeQuietly(channel);
      HELD_IN_THIS_JVM.remove(file);
    }
  }

  @Override
  public String toString() {
    return "StoreLock[" + file + (channel.isOpen() ? ", held]" : ", released]");
  }

  private static void createIfMissing(Path file) throws IOException {
    if (Files.exists(file)) {
      return;
    }
    try {
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException raced) {
      // another process created it first: fine
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }
}
