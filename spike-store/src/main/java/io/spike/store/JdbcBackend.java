package io.spike.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * How {@link JdbcStore} gets connections: the one thing SQLite and PostgreSQL do differently. The
 * SQL itself is shared (both speak {@code INSERT ... ON CONFLICT}).
 */
interface JdbcBackend extends AutoCloseable {

  /** Work done on one connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs {@code work} on a connection of {@code source}, which it then gives back. */
  static <T> T withConnection(DataSource source, Work<T> work) throws SQLException {
    try (Connection c = source.getConnection()) {
      return work.run(c);
    }
  }

  /**
   * Runs {@code work} on {@code c} in the transaction already begun there, then {@code commit}; if
   * the work or the commit throws, {@code abort} (which must not throw) ends the transaction.
   */
  static <T> T inTransaction(
      Connection c, Work<T> work, Sql.SqlConsumer<Connection> commit, Consumer<Connection> abort)
      throws SQLException {
    boolean committed = false;
    try {
      T result = work.run(c);
      commit.accept(c);
      committed = true;
      return result;
    } finally {
      if (!committed) {
        abort.accept(c);
      }
    }
  }

  /** {@code "sqlite"} or {@code "postgres"}. */
  String name();

  /** Runs read-only work in auto-commit mode. */
  <T> T read(Work<T> work) throws SQLException;

  /**
   * Runs a one-off read (while the store opens, an emptiness check) in auto-commit mode; as {@link
   * #read} unless the backend says otherwise: SQLite runs it on its writer connection, so that a
   * store that is only opened, checked and bulk-loaded (a restore) never opens a reader connection.
   */
  default <T> T readOnce(Work<T> work) throws SQLException {
    return read(work);
  }

  /**
   * Runs read-only work in one transaction that sees one consistent state from its first query to
   * its end, without blocking writers, and in which queries may stream rows ({@link Sql#forEach})
   * rather than load them.
   */
  <T> T readConsistent(Work<T> work) throws SQLException;

  /**
   * Runs work in one transaction: committed when it returns, rolled back when it throws. Work that
   * decides not to write must decide before its first change.
   */
  <T> T write(Work<T> work) throws SQLException;

  /**
   * Runs a bulk load ({@link SpikeStore#importAll}, {@link SpikeStore#replaceAll}) as {@link
   * #write}: one transaction, as durable as any write when it returns. A backend may tune its
   * connection for many inserts while the work runs, and puts every setting back before returning.
   */
  default <T> T writeBulk(Work<T> work) throws SQLException {
    return write(work);
  }

  /** Tries to take the named lease (see {@link StoreLease}) without waiting. */
  Optional<StoreLease> tryLease(String name) throws SQLException;

  @Override
  void close();
}
