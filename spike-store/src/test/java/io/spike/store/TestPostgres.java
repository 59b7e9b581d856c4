package io.spike.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL (zonky) for every test class of this JVM, started on first use (without
 * fsync: durability is not what these tests check) and stopped when the JVM exits. Each caller gets
 * a fresh, empty database in it, copied from a template migrated once (Flyway then finds nothing to
 * do, which saves most of the cost of a new store).
 */
public final class TestPostgres {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private TestPostgres() {}

  /** The JDBC URL of a new, empty database. */
  public static synchronized String newDatabaseUrl() {
    if (postgres == null) {
      try {
        // Durability is not under test here, and without fsync CREATE DATABASE is much cheaper.
        postgres =
            EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      createDatabase("spike_template", "");
      // Migrated once (this exercises the migrations); each test database is a copy of it.
      String template = postgres.getJdbcUrl("postgres", "spike_template");
      Stores.open(new StoreConfig.Postgres(template)).close();
      // Each copy makes its own change log id when first opened.
      execute(template, "DELETE FROM change_log_state");
      EmbeddedPostgres started = postgres;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (IOException e) {
                      // the JVM is exiting
                    }
                  }));
    }
    String database = "spike_test_" + DATABASES.incrementAndGet();
    createDatabase(database, " TEMPLATE spike_template");
    return postgres.getJdbcUrl("postgres", database);
  }

  /** The JDBC URL of a new database without any schema (for migration tests). */
  public static synchronized String newUnmigratedDatabaseUrl() {
    newDatabaseUrl(); // starts the server
    String database = "spike_bare_" + DATABASES.incrementAndGet();
    createDatabase(database, "");
    return postgres.getJdbcUrl("postgres", database);
  }

  private static void execute(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void createDatabase(String name, String options) {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + options);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
