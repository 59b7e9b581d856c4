package io.spike.nexus;

import io.spike.config.Environment;
import io.spike.config.Settings;
import io.spike.identity.SvidSource;
import io.spike.identity.SvidSources;
import io.spike.server.LogFormat;
import io.spike.server.Shutdown;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.StoreException;
import io.spike.store.StoreLock;
import io.spike.store.Stores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Entry point of the Nexus process. Reads {@link NexusConfig}, the store configuration and the SVID
 * from the environment and starts {@link NexusServer}. Bad configuration (or a port in use) ends
 * the process with one line on stderr and exit code 1.
 *
 * <p>With the SQLite backend, Nexus holds {@link StoreLock} on the data directory for its whole
 * life, taken before the store is opened, so that offline tools (reset, snapshot restore) refuse to
 * touch a live store, and a second Nexus on the same directory stops at once.
 */
public final class NexusMain {
  private NexusMain() {}

  public static void main(String[] args) {
    SvidSource svid = null;
    SpikeStore store = null;
    StoreLock lock = null;
    NexusServer server;
    try {
      LogFormat.apply(Environment.system());
      StoreConfig storeConfig = StoreConfig.fromEnvironment();
      NexusConfig config =
          withDefaultAuditLog(
              NexusConfig.fromEnvironment(System::getenv), storeConfig, System::getenv);
      lock = lockDataDir(storeConfig).orElse(null);
      svid = SvidSources.fromEnvironment();
      store = Stores.open(storeConfig);
      server = NexusServer.start(config, svid, store);
    } catch (RuntimeException e) {
      System.err.println("nexus: " + e.getMessage());
      if (store != null) {
        store.close();
      }
      if (svid != null) {
        svid.close();
      }
      if (lock != null) {
        lock.close();
      }
      System.exit(1);
      return;
    }
    SvidSource openSvid = svid;
    SpikeStore openStore = store;
    StoreLock heldLock = lock;
    Shutdown.onTerm(
            "nexus-shutdown",
            () -> {
              server.close();
              openStore.close();
              openSvid.close();
              if (heldLock != null) {
                heldLock.close();
              }
            })
        .await();
  }

  /**
   * {@code SPIKE_NEXUS_AUDIT_LOG} when set; otherwise {@code <data dir>/audit.log} for SQLite and
   * for PostgreSQL (the data directory, {@code SPIKE_NEXUS_DATA_DIR}, has its default whatever the
   * backend), and no audit log for the memory backend.
   */
  static NexusConfig withDefaultAuditLog(
      NexusConfig config, StoreConfig storeConfig, Function<String, String> env) {
    if (config.auditLog().isPresent()) {
      return config;
    }
    if (storeConfig instanceof StoreConfig.Sqlite sqlite) {
      return config.withAuditLog(sqlite.file().toAbsolutePath().getParent().resolve("audit.log"));
    }
    if (storeConfig instanceof StoreConfig.Postgres) {
      Path dataDir = StoreConfig.dataDir(Environment.of(env));
      return config.withAuditLog(dataDir.toAbsolutePath().resolve("audit.log"));
    }
    return config;
  }

  /**
   * The SQLite data directory's lock (creating the directory 0700 if needed); empty for other
   * backends.
   */
  private static Optional<StoreLock> lockDataDir(StoreConfig storeConfig) {
    if (!(storeConfig instanceof StoreConfig.Sqlite sqlite)) {
      return Optional.empty();
    }
    Path dir = sqlite.file().toAbsolutePath().getParent();
    createPrivateDirectory(dir);
    return Optional.of(
        StoreLock.tryAcquire(dir)
            .orElseThrow(
                () -> new IllegalStateException("another Nexus holds " + dir + "; stop it first")));
  }

  private static void createPrivateDirectory(Path dir) {
    try {
      PrivateDirectory.create(dir);
    } catch (IOException e) {
      throw new StoreException(
          "cannot create the data directory "
              + dir
              + "; check "
              + Settings.DATA_DIR.name()
              + " and its permissions",
          e);
    }
  }
}
