package io.spike.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings a database's schema up to date with Flyway, from {@code classpath:db/migration/<dialect>}
 * ({@code sqlite} or {@code postgres}).
 *
 * <p>Several replicas may migrate one PostgreSQL database at once: Flyway serialises them with an
 * advisory lock. Clean is disabled (the Flyway default).
 */
final class Migrations {

  private Migrations() {}

  static void apply(DataSource dataSource, String dialect, String where) {
    try {
      Flyway.configure(Migrations.class.getClassLoader())
          .dataSource(dataSource)
          .locations("classpath:db/migration/" + dialect)
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new StoreException(
          dialect
              + " store: schema migration of "
              + where
              + " failed; is it a spike database of this or an older version?",
          e);
    }
  }
}
