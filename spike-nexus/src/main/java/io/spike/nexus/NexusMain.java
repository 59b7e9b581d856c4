package io.spike.nexus;

import io.spike.identity.SvidSource;
import io.spike.identity.SvidSources;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.Stores;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point of the Nexus process. Reads {@link NexusConfig}, the store configuration and the
 * SVID from the environment and starts {@link NexusServer}. Bad configuration (or a port in use)
 * ends the process with one line on stderr and exit code 1.
 */
public final class NexusMain {
  private NexusMain() {}

  public static void main(String[] args) {
    SvidSource svid = null;
    SpikeStore store = null;
    NexusServer server;
    try {
      NexusConfig config = NexusConfig.fromEnvironment(System::getenv);
      StoreConfig storeConfig = StoreConfig.fromEnvironment();
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
      System.exit(1);
      return;
    }
    SvidSource openSvid = svid;
    SpikeStore openStore = store;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      openStore.close();
      openSvid.close();
      stopped.countDown();
    }, "nexus-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
