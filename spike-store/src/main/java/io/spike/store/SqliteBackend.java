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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite in one file, in WAL mode with {@code synchronous=FULL}: a write acknowledged to the caller
 * survives a power cut.
 *
 * <p>Writes go through one connection, one transaction at a time (a lock in this process, {@code
 * BEGIN IMMEDIATE} against other processes on the same file, with {@code busy_timeout} to wait for
 * them); concurrent writers share a transaction and its fsync (group commit, see {@link #write}).
 * Reads use a small separate pool: in WAL mode readers never block the writer and see the last
 * committed state. Transactions are issued as SQL ({@code BEGIN IMMEDIATE}/{@code COMMIT}) rather
 * than through {@code setAutoCommit(false)}, so the driver never leaves a transaction open between
 * writes.
 */
final class SqliteBackend implements JdbcBackend {

  private static final Logger LOG = LoggerFactory.getLogger(SqliteBackend.class);
  static final int BUSY_TIMEOUT_MILLIS = 10_000;
  private static final int READERS = 4;

  private final Path file;
  private final HikariDataSource writer;
  private final HikariDataSource readers;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final LocalLeases leases = new LocalLeases();

  /** Works waiting for a group commit (see {@link #write}). */
  private final Queue<Pending<?>> queue = new ConcurrentLinkedQueue<>();

  /** At most this many works in one transaction. */
  static final int MAX_GROUP = 64;

  /**
   * Page cache of the writer connection during a bulk load, in KiB (SQLite's negative {@code
   * cache_size}): fewer pages spilled to the WAL and written again while a big store is inserted in
   * one transaction. Kept moderate because Nexus restores backups in-process to verify them (the
   * cache is native memory, allocated as used). The default (2 MiB) is restored after.
   */
  static final int BULK_CACHE_KIB = 64 * 1024;

  /** Size of the largest group committed so far (tests). */
  private volatile int largestGroup;

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
    return JdbcBackend.withConnection(readers, work);
  }

  /** On the writer connection: no reader connection is opened for it. */
  @Override
  public <T> T readOnce(Work<T> work) throws SQLException {
    writeLock.lock();
    try (Connection c = writer.getConnection()) {
      return work.run(c);
    } finally {
      writeLock.unlock();
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
      return JdbcBackend.inTransaction(
          c, work, read -> Sql.execute(read, "COMMIT"), this::endReadQuietly);
    }
  }

  /**
   * A bulk load, in a transaction of its own (other writes wait for it), with settings for the load
   * only:
   *
   * <ul>
   *   <li>a larger page cache;
   *   <li>the rollback journal instead of the WAL when no other connection has the file open (a
   *       fresh store being restored: the reader pool opens connections only when first used), so
   *       that the data is written once, not into the WAL and then again by the checkpoint. For
   *       pages that did not exist before (an empty store) the journal holds nothing: the commit
   *       writes the data and fsyncs it. When other connections have the file open, the load runs
   *       in WAL mode as any write. The WAL comes back before this returns.
   * </ul>
   *
   * <p>Durability is the same in both modes: {@code synchronous=FULL}, and the {@code COMMIT}
   * fsyncs before this returns; a crash in the middle leaves the store as it was.
   */
  @Override
  public <T> T writeBulk(Work<T> work) throws SQLException {
    writeLock.lock();
    try (Connection c = writer.getConnection()) {
      String cacheSize = Sql.query(c, "PRAGMA cache_size", rs -> rs.getString(1)).get(0);
      Sql.execute(c, "PRAGMA cache_size = -" + BULK_CACHE_KIB);
      boolean leftWal = false;
      try {
        leftWal = leaveWal(c);
        Sql.execute(c, "BEGIN IMMEDIATE");
        return JdbcBackend.inTransaction(c, work, w -> Sql.execute(w, "COMMIT"), this::rollback);
      } finally {
        if (leftWal) {
          backToWal(c);
        }
        Sql.execute(c, "PRAGMA cache_size = " + Long.parseLong(cacheSize));
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** Switches the file to the rollback journal if no other connection has it open (no waiting). */
  private static boolean leaveWal(Connection c) throws SQLException {
    Sql.execute(c, "PRAGMA busy_timeout = 0");
    try {
      String mode = Sql.query(c, "PRAGMA journal_mode = DELETE", rs -> rs.getString(1)).get(0);
      return "delete".equalsIgnoreCase(mode);
    } catch (SQLException busy) {
      return false; // another connection has the file open: load in WAL mode
    } finally {
      Sql.execute(c, "PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
    }
  }

  /** Back to WAL after a bulk load; a connection that cannot is not reused (a new one sets WAL). */
  private void backToWal(Connection c) {
    try {
      String mode = Sql.query(c, "PRAGMA journal_mode = WAL", rs -> rs.getString(1)).get(0);
      if ("wal".equalsIgnoreCase(mode)) {
        return;
      }
      LOG.warn("sqlite store {}: journal mode is {} after a bulk load, not WAL", file, mode);
    } catch (SQLException e) {
      LOG.warn("sqlite store {}: cannot go back to WAL after a bulk load: {}", file, e.toString());
    }
    writer.evictConnection(c);
  }

  /**
   * Group commit: the caller's work joins a queue; whichever writer holds the write lock runs every
   * queued work (at most {@link #MAX_GROUP}) in one transaction, each inside its own savepoint, and
   * commits them with one {@code COMMIT}, so one fsync of the WAL covers them all. A work that
   * fails is rolled back to its savepoint and its caller gets its exception; the others still
   * commit. Every caller returns only after the {@code COMMIT} that holds its work (or with the
   * failure of that commit), so an acknowledged write is as durable as before, and works run one
   * after another, as if each had its own transaction. Under no contention the group is the
   * caller's own work alone, run without a savepoint.
   */
  @Override
  public <T> T write(Work<T> work) throws SQLException {
    Pending<T> mine = new Pending<>(work);
    queue.add(mine);
    writeLock.lock();
    try {
      while (!mine.done) {
        List<Pending<?>> group = new ArrayList<>();
        for (Pending<?> next; group.size() < MAX_GROUP && (next = queue.poll()) != null; ) {
          group.add(next);
        }
        commitGroup(group);
      }
    } finally {
      writeLock.unlock();
    }
    return mine.result();
  }

  /** A lease in this process: only this process uses the file (see {@link StoreLock}). */
  @Override
  public Optional<StoreLease> tryLease(String name) {
    return leases.tryLease(name);
  }

  /** Works waiting to join a group (tests). */
  int queued() {
    return queue.size();
  }

  int largestGroup() {
    return largestGroup;
  }

  private void commitGroup(List<Pending<?>> group) {
    boolean alone = group.size() == 1;
    largestGroup = Math.max(largestGroup, group.size());
    try (Connection c = writer.getConnection()) {
      Sql.execute(c, "BEGIN IMMEDIATE");
      boolean committed = false;
      try {
        for (Pending<?> pending : group) {
          if (alone) {
            if (!pending.run(c)) {
              return; // its own transaction: rolled back below, as before group commit
            }
          } else {
            Sql.execute(c, "SAVEPOINT spike_write");
            if (!pending.run(c)) {
              Sql.execute(c, "ROLLBACK TO spike_write");
            }
            Sql.execute(c, "RELEASE spike_write");
          }
        }
        Sql.execute(c, "COMMIT");
        committed = true;
      } finally {
        if (!committed) {
          rollback(c);
        }
      }
    } catch (SQLException | RuntimeException e) {
      // BEGIN, a savepoint or COMMIT failed, or the connection: nothing of the group is durable.
      group.forEach(p -> p.fail(e));
    } catch (Error e) {
      group.forEach(p -> p.fail(e));
      throw e;
    } finally {
      group.forEach(Pending::finish);
    }
  }

  /**
   * A queued work and, once its group is done, its result or failure. Guarded by the write lock.
   */
  private static final class Pending<T> {
    private final Work<T> work;
    private T result;
    private Throwable failure;
    private boolean done;

    Pending(Work<T> work) {
      this.work = work;
    }

    /** Runs the work; false (failure kept) when it threw and its changes must be undone. */
    boolean run(Connection c) {
      try {
        result = work.run(c);
        return true;
      } catch (SQLException | RuntimeException e) {
        failure = e;
        return false;
      } catch (Error e) {
        failure = e;
        throw e;
      }
    }

    void fail(Throwable e) {
      result = null;
      if (failure == null) {
        failure = e;
      }
    }

    void finish() {
      done = true;
    }

    T result() throws SQLException {
      if (failure instanceof SQLException e) {
        throw e;
      }
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      return result;
    }
  }

  /**
   * Reads a pragma on the writer or on a reader connection (tests check the durability settings).
   */
  String pragma(String name, boolean onWriter) throws SQLException {
    Work<String> work = c -> Sql.query(c, "PRAGMA " + name, rs -> rs.getString(1)).get(0);
    return onWriter ? readOnce(work) : read(work);
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
    if (size == 1) {
      config.setMinimumIdle(1); // the writer: opened (and the file checked) at once
    } else {
      // Readers are opened when first needed, then kept (never retired for idleness): a store
      // being restored has no connection but the writer's, which lets a bulk load leave the WAL.
      config.setMinimumIdle(0);
      config.setIdleTimeout(0);
      config.setInitializationFailTimeout(-1);
    }
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
      } else if (dir != null
          && posix
          && !Files.getPosixFilePermissions(dir).stream()
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
      throw new StoreException(
          "sqlite store: cannot create "
              + file
              + "; check that the data directory (SPIKE_NEXUS_DATA_DIR) is writable",
          e);
    }
  }

  private static FileAttribute<?> owner(String permissions) {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
  }
}
