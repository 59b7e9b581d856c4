package io.spike.pilot.snapshot;

import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.UsageException;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.StoreException;
import io.spike.store.StoreLock;
import io.spike.store.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * A store opened by an offline command ({@code --store S}). With SQLite the command holds the data
 * directory's {@link StoreLock} (the one a running Nexus holds) from before the store is opened
 * until it is closed, so it never reads or writes under a live Nexus. PostgreSQL has no such lock:
 * several Nexus replicas share it by design, and snapshots read in one transaction.
 */
final class OfflineStore implements AutoCloseable {
  private final SpikeStore store;
  private final Optional<StoreLock> lock;
  private final String label;

  private OfflineStore(SpikeStore store, Optional<StoreLock> lock, String label) {
    this.store = store;
    this.lock = lock;
    this.label = label;
  }

  /** Parses {@code --store S}; a malformed spec is bad usage. */
  static StoreConfig parse(String spec) {
    try {
      return StoreConfig.parse(spec);
    } catch (StoreException e) {
      throw new UsageException("--store " + spec + ": " + e.getMessage());
    }
  }

  /** How messages name the store: the SQLite file or the masked PostgreSQL URL. */
  static String label(StoreConfig config) {
    if (config instanceof StoreConfig.Sqlite sqlite) {
      return "sqlite:" + sqlite.file().toAbsolutePath().normalize();
    }
    if (config instanceof StoreConfig.Postgres postgres) {
      return "postgres:" + postgres.maskedUrl();
    }
    return config.backend();
  }

  /**
   * Opens the store.
   *
   * @param create whether a missing SQLite file may be created (restore) or must exist (save)
   * @param whenLocked the end of the refusal when a Nexus holds the SQLite data directory
   */
  static OfflineStore open(StoreConfig config, boolean create, String whenLocked) {
    String label = label(config);
    Optional<StoreLock> lock = Optional.empty();
    if (config instanceof StoreConfig.Sqlite sqlite) {
      Path file = sqlite.file().toAbsolutePath().normalize();
      Path dir = file.getParent();
      if (!create && !Files.isRegularFile(file)) {
        throw new CliFailure(
            "no SPIKE store at "
                + file
                + "; check --store sqlite:<file> (Nexus keeps it in"
                + " SPIKE_NEXUS_DATA_DIR/spike.db; dev: .spike-dev/data/spike.db)");
      }
      createDirectory(dir);
      lock = lock(dir);
      if (lock.isEmpty()) {
        throw new CliFailure("a Nexus is running on " + dir + "; " + whenLocked);
      }
      config = new StoreConfig.Sqlite(file);
    }
    try {
      return new OfflineStore(Stores.open(config), lock, label);
    } catch (StoreException e) {
      lock.ifPresent(StoreLock::close);
      throw new CliFailure("cannot open the store " + label + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      lock.ifPresent(StoreLock::close);
      throw e;
    }
  }

  SpikeStore store() {
    return store;
  }

  String label() {
    return label;
  }

  @Override
  public void close() {
    try {
      store.close();
    } finally {
      lock.ifPresent(StoreLock::close);
    }
  }

  private static Optional<StoreLock> lock(Path dir) {
    try {
      return StoreLock.tryAcquire(dir);
    } catch (StoreException e) {
      throw new CliFailure("cannot lock " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void createDirectory(Path dir) {
    if (Files.isDirectory(dir)) {
      return;
    }
    try {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new CliFailure("cannot create " + dir + ": " + e.getMessage(), e);
    }
  }
}
