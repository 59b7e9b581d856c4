package io.spike.nexus;

import io.spike.store.StoreConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts {@link NexusTestCluster}s for a test class and closes them: after each test ({@link
 * #perTest()}, on an instance field) or after the class ({@link #perClass()}, on a static field).
 * Register it with {@code @RegisterExtension}.
 */
public final class Clusters implements AfterEachCallback, AfterAllCallback {
  private final boolean perTest;
  private final List<NexusTestCluster> started = new ArrayList<>();

  private Clusters(boolean perTest) {
    this.perTest = perTest;
  }

  /** Clusters closed after each test. */
  public static Clusters perTest() {
    return new Clusters(true);
  }

  /** Clusters closed after the last test of the class. */
  public static Clusters perClass() {
    return new Clusters(false);
  }

  /** A sealed cluster on an in-memory store. */
  public NexusTestCluster start(Path dir) {
    return keep(NexusTestCluster.start(dir));
  }

  /** A sealed cluster on {@code store} with extra environment. */
  public NexusTestCluster start(Path dir, StoreConfig store, Map<String, String> env) {
    return keep(NexusTestCluster.start(dir, store, env));
  }

  /** A sealed cluster on SQLite under {@code dir/data}, which outlives a Nexus restart. */
  public NexusTestCluster startOnSqlite(Path dir, Map<String, String> env) {
    return start(dir, new StoreConfig.Sqlite(dir.resolve("data").resolve("spike.db")), env);
  }

  /** A cluster on an in-memory store, its keepers seeded and Nexus unsealed. */
  public NexusTestCluster startUnsealed(Path dir) {
    return unseal(start(dir));
  }

  /** A cluster on {@code store} with extra environment, its keepers seeded and Nexus unsealed. */
  public NexusTestCluster startUnsealed(Path dir, StoreConfig store, Map<String, String> env) {
    return unseal(start(dir, store, env));
  }

  private static NexusTestCluster unseal(NexusTestCluster cluster) {
    cluster.seedKeepers();
    cluster.awaitReady();
    return cluster;
  }

  private NexusTestCluster keep(NexusTestCluster cluster) {
    started.add(cluster);
    return cluster;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (perTest) {
      closeAll();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    closeAll();
  }

  private void closeAll() {
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).close();
    }
    started.clear();
  }
}
