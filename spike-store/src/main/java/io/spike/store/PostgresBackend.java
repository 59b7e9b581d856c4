package io.spike.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.spike.config.Settings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL through a HikariCP pool; several Nexus replicas may share one database.
 *
 * <p>Transactions run at read committed, which is what {@link JdbcStore}'s compare-and-set needs: a
 * conditional {@code UPDATE} waits for a concurrent writer of the same row and re-checks its
 * condition against the committed row. The driver is told to leave server-side error details (which
 * may quote row values) out of exception messages.
 */
final class PostgresBackend implements JdbcBackend {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresBackend.class);
  private static final int POOL_SIZE = 10;

  private final HikariDataSource pool;
  private final String maskedUrl;

  private PostgresBackend(HikariDataSource pool, String maskedUrl) {
    this.pool = pool;
    this.maskedUrl = maskedUrl;
  }

  static PostgresBackend open(StoreConfig.Postgres config) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("spike-postgres");
    hikari.setDriverClassName("org.postgresql.Driver");
    hikari.setJdbcUrl(withoutServerErrorDetail(config.jdbcUrl()));
    hikari.setMaximumPoolSize(POOL_SIZE);
    hikari.setMinimumIdle(1);
    hikari.setConnectionTimeout(10_000);
    hikari.addDataSourceProperty("ApplicationName", "spike");
    hikari.addDataSourceProperty("logServerErrorDetail", "false");
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw new StoreException(
          "postgres store: cannot connect to "
              + config.maskedUrl()
              + "; check "
              + Settings.DB_URL.name()
              + " and that the database is up",
          e);
    }
    try {
      Migrations.apply(pool, "postgres", config.maskedUrl());
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    LOG.info("opened postgres store at {}", config.maskedUrl());
    return new PostgresBackend(pool, config.maskedUrl());
  }

  /**
   * Forces {@code logServerErrorDetail=false}, even over the operator's URL (the last occurrence of
   * a URL parameter wins): with it on, the driver quotes failing rows, ciphertext included, in
   * exception messages.
   */
  static String withoutServerErrorDetail(String jdbcUrl) {
    return jdbcUrl + (jdbcUrl.indexOf('?') >= 0 ? "&" : "?") + "logServerErrorDetail=false";
  }

  @Override
  public String name() {
    return "postgres";
  }

  @Override
  public <T> T read(Work<T> work) throws SQLException {
    return JdbcBackend.withConnection(pool, work);
  }

  /**
   * {@code REPEATABLE READ, READ ONLY}: one snapshot, taken at the first query, for the whole
   * transaction; auto-commit off so that {@link Sql#forEach} streams through a cursor. The pool
   * resets isolation, read-only and auto-commit when the connection comes back.
   */
  @Override
  public <T> T readConsistent(Work<T> work) throws SQLException {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      return JdbcBackend.inTransaction(c, work, Connection::commit, this::rollback);
    }
  }

  @Override
  public <T> T write(Work<T> work) throws SQLException {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      return JdbcBackend.inTransaction(c, work, Connection::commit, this::rollback);
    }
  }

  /** A session advisory lock on a pooled connection kept until the lease closes. */
  @Override
  public Optional<StoreLease> tryLease(String name) throws SQLException {
    return PostgresLease.tryTake(pool, name);
  }

  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return "postgres:" + maskedUrl;
  }

  private void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      pool.evictConnection(c);
    }
  }
}
