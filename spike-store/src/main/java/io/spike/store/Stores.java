package io.spike.store;

import java.util.Objects;

/** Opens the backend a {@link StoreConfig} names, migrating its schema first. */
public final class Stores {

  private Stores() {}

  /**
   * Opens (and creates or migrates, when needed) the configured store.
   *
   * @throws StoreException when the store cannot be opened; the message says what to check
   */
  public static SpikeStore open(StoreConfig config) {
    Objects.requireNonNull(config, "config");
    if (config instanceof StoreConfig.Sqlite sqlite) {
      return JdbcStore.open(SqliteBackend.open(sqlite.file()));
    }
    if (config instanceof StoreConfig.Postgres postgres) {
      return JdbcStore.open(PostgresBackend.open(postgres));
    }
    if (config instanceof StoreConfig.Memory) {
      return new MemoryStore();
    }
    throw new IllegalStateException("unknown store config " + config.getClass().getName());
  }
}
