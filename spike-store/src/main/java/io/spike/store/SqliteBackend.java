package io.spike.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite in one file, in WAL mode with {@code synchronous=FULL}: a write acknowledged to the caller
 * survives a power cut.
 *
 * <p>Writes go through one connection, one at a time (a lock in this process, {@code BEGIN
 * IMMEDIATE} against other processes on the same file, with {@code busy_timeout} to wait for
 * them). Reads use a small separate pool: in WAL mode readers never block the writer and see the
 * last committed state. Transactions are issued as SQL ({@code BEGIN IMMEDIATE}/{@code COMMIT})
 * rather than through {@code setAutoCommit(false)}, so the driver never leaves a transaction open
 * between writes.
 */
final class SqliteBackend implements JdbcBackend {

  private static final Logger LOG = LoggerFactory.getLogger(SqliteBackend.class);
  static final int BUSY_TIMEOUT_MILLIS = 10_000;
  private static final int READERS = 4;

  private final Path file;
  private final HikariDataSource writer;
  private final HikariDataSource readers;
  private final ReentrantLock writeLock = new ReentrantLock();

  private SqliteBackend(Path file, HikariDataSource writer, HikariDataSource readers) {
    this.file = file;
    this.writer = writer;
    this.readers = readers;
  }

  static SqliteBackend open(Path file) {
    Path absolute = file.toAbsolutePath();
    prepareFile(absolute);
    SQLiteDataSource source = dataSource(absolute);
    Migrations.apply(source, "sqlite", absolute.toString());
    HikariDataSource writer = null;
    try {
      writer = pool(source, "spike-sqlite-writer", 1);
      HikariDataSource readers = pool(source, "spike-sqlite-reader", READERS);
      LOG.info("opened sqlite store at {}", absolute);
      return new SqliteBackend(absolute, writer, readers);
    } catch (RuntimeException e) {
      if (writer != null) {
        writer.close();
      }
      throw new StoreException("sqlite store: cannot open " + absolute, e);
    }
  }

  @Override
  public String name() {
    return "sqlite";
  }

  @Override
  public <T> T read(Work<T> work) throws SQLException {
    try (Connection c = readers.getConnection()) {
      return work.run(c);
    }
  }

  /**
   * A deferred {@code BEGIN} on a reader connection: SQLite takes the WAL snapshot at the first
   * read and keeps it until the transaction ends, while the writer goes on committing.
   */
  @Override
  public <T> T readConsistent(Work<T> work) throws SQLException {
    try (Connection c = readers.getConnection()) {
      Sql.execute(c, "BEGIN");
      boolean ended = false;
      try {
        T result = work.run(c);
        Sql.execute(c, "COMMIT");
        ended = true;
        return result;
      } finally {
        if (!ended) {
          endReadQuietly(c);
        }
      }
    }
  }

  @Override
  public <T> T write(Work<T> work) throws SQLException {
    writeLock.lock();
    try (Connection c = writer.getConnection()) {
      Sql.execute(c, "BEGIN IMMEDIATE");
      boolean committed = false;
      try {
        T result = work.run(c);
        Sql.execute(c, "COMMIT");
        committed = true;
        return result;
      } finally {
        if (!committed) {
          rollback(c);
        }
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** Reads a pragma on the writer or on a reader connection (tests check the durability settings). */
  String pragma(String name, boolean onWriter) throws SQLException {
    Work<String> work = c -> Sql.query(c, "PRAGMA " + name, rs -> rs.getString(1)).get(0);
    if (!onWriter) {
      return read(work);
    }
    writeLock.lock();
    try (Connection c = writer.getConnection()) {
      return work.run(c);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public void close() {
    readers.close();
    writer.close(); // the last connection to close checkpoints the WAL into the file
  }

  @Override
  public String toString() {
    return "sqlite:" + file;
  }

  private void rollback(Connection c) {
    try {
      Sql.execute(c, "ROLLBACK");
    } catch (SQLException e) {
      // SQLite may already have rolled back (then ROLLBACK fails harmlessly), or the connection is
      // broken; either way a connection in doubt is not reused.
      writer.evictConnection(c);
    }
  }

  private void endReadQuietly(Connection c) {
    try {
      Sql.execute(c, "ROLLBACK");
    } catch (SQLException e) {
      readers.evictConnection(c);
    }
  }

  private static SQLiteDataSource dataSource(Path file) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + file);
    return source;
  }

  private static HikariDataSource pool(SQLiteDataSource source, String name, int size) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setDataSource(source);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(BUSY_TIMEOUT_MILLIS + 5_000L);
    return new HikariDataSource(config);
  }

  /** Creates the data directory (0700) and an empty database file (0600) if they are missing. */
  private static void prepareFile(Path file) {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    try {
      Path dir = file.getParent();
      if (dir != null && !Files.isDirectory(dir)) {
        if (posix) {
          Files.createDirectories(dir, owner("rwx------"));
        } else {
          Files.createDirectories(dir);
        }
      } else if (dir != null && posix && !Files.getPosixFilePermissions(dir).stream()
          .allMatch(p -> p.name().startsWith("OWNER_"))) {
        LOG.warn("data directory {} is open to other users; chmod 700 it", dir);
      }
      if (!Files.exists(file)) {
        try {
          // SQLite treats an empty file as a new database; creating it here sets its mode,
          // which SQLite copies to the -wal and -shm files.
          if (posix) {
            Files.createFile(file, owner("rw-------"));
          } else {
            Files.createFile(file);
          }
        } catch (FileAlreadyExistsException raced) {
          // another process created it first: fine
        }
      }
    } catch (IOException e) {
      throw new StoreException("sqlite store: cannot create " + file
          + "; check that the data directory (SPIKE_NEXUS_DATA_DIR) is writable", e);
    }
  }

  private static FileAttribute<?> owner(String permissions) {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
  }
}
