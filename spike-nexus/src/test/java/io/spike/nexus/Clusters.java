package io.spike.nexus;

import io.spike.store.StoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts {@link NexusTestCluster}s for a test class (in a given directory, or in a temporary one it
 * deletes afterwards) and closes them: after each test ({@link #perTest()}, on an instance field)
 * or after the class ({@link #perClass()}, on a static field). Register it with
 * {@code @RegisterExtension}.
 */
public final class Clusters implements AfterEachCallback, AfterAllCallback {
  private final boolean perTest;
  private final List<NexusTestCluster> started = new ArrayList<>();
  private final List<Path> directories = new ArrayList<>();

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

  /** A sealed cluster on an in-memory store, in a temporary directory of its own. */
  public NexusTestCluster start() {
    return start(temporaryDirectory());
  }

  /** The same on {@code store} with extra environment. */
  public NexusTestCluster start(StoreConfig store, Map<String, String> env) {
    return start(temporaryDirectory(), store, env);
  }

  /** The same on SQLite. */
  public NexusTestCluster startOnSqlite(Map<String, String> env) {
    return startOnSqlite(temporaryDirectory(), env);
  }

  /** The same, its keepers seeded and Nexus unsealed. */
  public NexusTestCluster startUnsealed() {
    return startUnsealed(temporaryDirectory());
  }

  /** The same on {@code store} with extra environment, unsealed. */
  public NexusTestCluster startUnsealed(StoreConfig store, Map<String, String> env) {
    return startUnsealed(temporaryDirectory(), store, env);
  }

  private Path temporaryDirectory() {
    try {
      Path dir = Files.createTempDirectory("nexus-cluster");
      directories.add(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    for (Path dir : directories) {
      deleteTree(dir);
    }
    directories.clear();
  }

  /** Best effort, like any temporary directory: a leftover never fails a test. */
  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      // left for the system's temporary-file cleanup
    }
  }
}
