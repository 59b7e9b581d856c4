package io.spike.nexus;

import io.spike.api.KeeperClient;
import io.spike.api.NexusClient;
import io.spike.api.SpikeHttp;
import io.spike.api.wire.ShardValue;
import io.spike.config.EnvBuilder;
import io.spike.config.Parser.HostPort;
import io.spike.config.Settings;
import io.spike.crypto.RootKey;
import io.spike.crypto.SecretBytes;
import io.spike.crypto.Shamir;
import io.spike.crypto.Shard;
import io.spike.identity.DevCa;
import io.spike.identity.Role;
import io.spike.identity.SpiffeId;
import io.spike.identity.SvidSource;
import io.spike.identity.TlsContexts;
import io.spike.keeper.KeeperConfig;
import io.spike.keeper.KeeperServer;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.Stores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A whole cluster in one JVM for tests: a dev CA in a temp dir, SVIDs for every role, three keepers
 * on loopback, and a Nexus pointing at them, over real mTLS. {@link #seedKeepers()} does what
 * bootstrap does; {@link #awaitReady()} waits for {@code /readyz} 200.
 */
public final class NexusTestCluster implements AutoCloseable {
  public static final String TD = "spike.ist";
  public static final int KEEPERS = 3;

  private final Path dir;
  private final DevCa ca;
  private final SvidIssuer issuer;
  private final StoreConfig storeConfig;
  private final Map<String, String> env;
  private final Map<String, SvidSource> svids = new ConcurrentHashMap<>();
  private final KeeperServer[] keepers = new KeeperServer[KEEPERS];
  private final int[] keeperPorts = new int[KEEPERS];
  private final List<AutoCloseable> replicas = new ArrayList<>();
  private SpikeStore store;
  private NexusServer nexus;

  /**
   * Where the cluster's SVIDs come from: by default files the dev CA issues (reloaded on change); a
   * test may serve them from fake SPIRE agents instead.
   */
  @FunctionalInterface
  public interface SvidIssuer {
    /** A live source of an SVID for {@code id}, signed by {@code ca}. */
    SvidSource issue(DevCa ca, SpiffeId id);
  }

  private NexusTestCluster(
      Path dir, StoreConfig storeConfig, Map<String, String> env, SvidIssuer issuer) {
    this.dir = dir;
    this.ca = DevCa.create(dir.resolve("ca"), TD);
    this.issuer =
        issuer != null ? issuer : (devCa, id) -> devCa.issueSource(id.path(), dir.resolve("svid"));
    this.storeConfig = storeConfig;
    this.env = env;
  }

  /** A cluster on the memory store. */
  public static NexusTestCluster start(Path dir) {
    return start(dir, new StoreConfig.Memory(), Map.of());
  }

  /** A cluster on {@code storeConfig}, with extra {@code SPIKE_*} settings for Nexus. */
  public static NexusTestCluster start(Path dir, StoreConfig storeConfig, Map<String, String> env) {
    return start(dir, storeConfig, env, null);
  }

  /**
   * As {@link #start(Path, StoreConfig, Map)}, every SVID (servers' and clients') from {@code
   * issuer}.
   */
  public static NexusTestCluster start(
      Path dir, StoreConfig storeConfig, Map<String, String> env, SvidIssuer issuer) {
    NexusTestCluster cluster = new NexusTestCluster(dir, storeConfig, env, issuer);
    try {
      for (int i = 1; i <= KEEPERS; i++) {
        cluster.startKeeper(i);
      }
      cluster.store = Stores.open(storeConfig);
      cluster.startNexus();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  public NexusConfig config() {
    List<URI> peers = new ArrayList<>();
    for (int port : keeperPorts) {
      peers.add(URI.create("https://127.0.0.1:" + port));
    }
    Map<String, String> all =
        new EnvBuilder()
            .set(Settings.NEXUS_TLS_ADDR, "127.0.0.1")
            .set(Settings.NEXUS_TLS_PORT, 0)
            .set(Settings.NEXUS_OPS_ADDR, new HostPort("127.0.0.1", 0))
            .set(Settings.KEEPER_PEERS, peers)
            .putAll(env)
            .build();
    return NexusConfig.fromEnvironment(all::get)
        .withRecoveryBackoff(Duration.ofMillis(50), Duration.ofMillis(250));
  }

  private void startNexus() {
    nexus = NexusServer.start(config(), svid(Role.NEXUS.path()), store);
  }

  /**
   * Another Nexus process, as it were: its own store connection on the same store configuration
   * (not the memory store), the same keepers, its own ports. Closed with the cluster.
   */
  public NexusServer startReplica() {
    if (storeConfig instanceof StoreConfig.Memory) {
      throw new IllegalStateException("replicas need a shared store, not the memory store");
    }
    SpikeStore replicaStore = Stores.open(storeConfig);
    NexusServer replica;
    try {
      replica = NexusServer.start(config(), svid(Role.NEXUS.path()), replicaStore);
    } catch (RuntimeException e) {
      replicaStore.close();
      throw e;
    }
    replicas.add(replicaStore);
    replicas.add(replica);
    return replica;
  }

  /** A client of {@code server} (this cluster's Nexus or a replica). */
  public NexusClient client(SvidSource as, NexusServer server) {
    return new NexusClient(
        new SpikeHttp(
            URI.create("https://127.0.0.1:" + server.port()),
            TlsContexts.client(as, TlsContexts.role(Role.NEXUS, TD))));
  }

  /** Stops Nexus (and reopens the store unless it is the memory store) and starts a new one. */
  public void restartNexus() {
    nexus.close();
    reopenStoreAndStartNexus();
  }

  private void reopenStoreAndStartNexus() {
    if (!(storeConfig instanceof StoreConfig.Memory)) {
      store.close();
      store = Stores.open(storeConfig);
    }
    startNexus();
  }

  /**
   * Full loss of everything but the store: every keeper restarts empty, then Nexus restarts
   * (sealed, with nothing to recover from).
   */
  public void restartNexusWithEmptyKeepers() {
    // Nexus first: a Nexus still running would push its shards into the restarted keepers.
    nexus.close();
    for (int id = 1; id <= KEEPERS; id++) {
      stopKeeper(id);
      startKeeper(id);
    }
    reopenStoreAndStartNexus();
  }

  /** Stops Nexus and closes the store (e.g. to read the database file). */
  public void stopNexusAndStore() {
    nexus.close();
    store.close();
  }

  public void startKeeper(int id) {
    startKeeperAs(id, Role.KEEPER.path() + "/" + id);
  }

  /** Starts a keeper at position {@code id}'s port presenting the SPIFFE ID path {@code path}. */
  public void startKeeperAs(int id, String path) {
    KeeperServer keeper =
        new KeeperServer(new KeeperConfig("127.0.0.1", keeperPorts[id - 1], TD), svid(path))
            .start();
    keepers[id - 1] = keeper;
    keeperPorts[id - 1] = keeper.port();
  }

  public void stopKeeper(int id) {
    keepers[id - 1].stop();
  }

  /**
   * What bootstrap does: a fresh root key, split, each keeper given its shard. Returns the shards'
   * bytes.
   */
  public List<byte[]> seedKeepers() {
    RootKey key = RootKey.generate(new SecureRandom());
    try {
      return seedKeepers(key);
    } finally {
      key.destroy();
    }
  }

  /**
   * Seeds the (empty) keepers with the shards of {@code key} as bootstrap does; returns the shards'
   * bytes.
   */
  public List<byte[]> seedKeepers(RootKey key) {
    return giveShards(key, bootstrap());
  }

  /** Pushes the shards of {@code key} to the keepers as a Nexus does (replacing what they hold). */
  public List<byte[]> pushShardsAsNexus(RootKey key) {
    return giveShards(key, svid(Role.NEXUS.path()));
  }

  private List<byte[]> giveShards(RootKey key, SvidSource as) {
    List<Shard> shards = Shamir.split(key, KEEPERS, 2);
    List<byte[]> values = new ArrayList<>();
    for (Shard shard : shards) {
      SecretBytes value = shard.value();
      byte[] bytes = value.copyBytes();
      values.add(bytes.clone());
      keeperClient(shard.id(), as).contribute(ShardValue.ofBytes(bytes));
      SecretBytes.wipe(bytes);
      value.destroy();
      shard.destroy();
    }
    return values;
  }

  /** Waits until {@code /readyz} answers 200. */
  public void awaitReady() {
    awaitOps("/readyz", 200, Duration.ofSeconds(20));
  }

  public void awaitOps(String path, int status, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (opsStatus(path) != status) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(path + " did not answer " + status + " within " + timeout);
      }
      sleep(50);
    }
  }

  public int opsStatus(String path) {
    return ops(path).statusCode();
  }

  public HttpResponse<String> ops(String path) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nexus.opsPort() + path))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An SVID for {@code spiffePath} in the trust domain, issued once per cluster. */
  public SvidSource svid(String spiffePath) {
    return svids.computeIfAbsent(spiffePath, p -> issuer.issue(ca, SpiffeId.of(TD, p)));
  }

  public SvidSource superuser() {
    return svid(Role.SUPERUSER.path());
  }

  public SvidSource bootstrap() {
    return svid(Role.BOOTSTRAP.path());
  }

  public SvidSource recoverRole() {
    return svid(Role.RECOVER.path());
  }

  public SvidSource restoreRole() {
    return svid(Role.RESTORE.path());
  }

  /**
   * {@code spike operator recover}: every recovery shard's bytes, in id order (index 0 is shard 1).
   */
  public List<byte[]> recoverShards() {
    Map<String, ShardValue> shards = client(recoverRole()).recover().shards();
    List<byte[]> out = new ArrayList<>();
    for (int id = 1; id <= shards.size(); id++) {
      ShardValue value = shards.get(String.valueOf(id));
      out.add(value.copyBytes());
      value.destroy();
    }
    return out;
  }

  /** The shard keeper {@code id} holds now (asked with the nexus SVID), as bytes. */
  public Optional<byte[]> keeperShard(int id) {
    return keeperClient(id, svid(Role.NEXUS.path()))
        .shard()
        .map(
            value -> {
              byte[] bytes = value.copyBytes();
              value.destroy();
              return bytes;
            });
  }

  /** Waits until keeper {@code id} holds {@code expected}. */
  public void awaitKeeperShard(int id, byte[] expected, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!keeperShard(id).map(held -> Arrays.equals(held, expected)).orElse(false)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "keeper " + id + " did not get the expected shard within " + timeout);
      }
      sleep(50);
    }
  }

  public SvidSource workload() {
    return svid("/apps/web");
  }

  public NexusClient client(SvidSource as) {
    return new NexusClient(http(as));
  }

  public SpikeHttp http(SvidSource as) {
    return new SpikeHttp(
        URI.create("https://127.0.0.1:" + nexus.port()),
        TlsContexts.client(as, TlsContexts.role(Role.NEXUS, TD)));
  }

  public KeeperClient keeperClient(int id, SvidSource as) {
    return new KeeperClient(
        new SpikeHttp(
            URI.create("https://127.0.0.1:" + keeperPorts[id - 1]),
            TlsContexts.client(as, TlsContexts.role(Role.KEEPER, TD))));
  }

  /** Posts {@code json} (as UTF-8 bytes, unchecked) to {@code pathAndQuery} as {@code as}. */
  public HttpResponse<String> post(SvidSource as, String pathAndQuery, String json) {
    return raw(as, "POST", pathAndQuery, json.getBytes(StandardCharsets.UTF_8));
  }

  /** A raw request to the API (any method, any bytes), for pipeline tests. */
  public HttpResponse<String> raw(SvidSource as, String method, String pathAndQuery, byte[] body) {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(TlsContexts.client(as, TlsContexts.role(Role.NEXUS, TD)))
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + nexus.port() + pathAndQuery))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public NexusServer nexus() {
    return nexus;
  }

  /** The dev CA every SVID is signed by. */
  public DevCa ca() {
    return ca;
  }

  public SpikeStore store() {
    return store;
  }

  public Path dir() {
    return dir;
  }

  /** Applies {@code f} to the store's state before and after, for "nothing half-written" checks. */
  public <T> T storeView(Function<SpikeStore, T> f) {
    return f.apply(store);
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    for (int i = replicas.size() - 1; i >= 0; i--) {
      try {
        replicas.get(i).close();
      } catch (Exception ignored) {
        // best effort
      }
    }
    if (nexus != null) {
      nexus.close();
    }
    for (KeeperServer keeper : keepers) {
      if (keeper != null) {
        keeper.stop();
      }
    }
    if (store != null) {
      try {
        store.close();
      } catch (RuntimeException ignored) {
        // already closed by a test
      }
    }
    svids.values().forEach(SvidSource::close);
  }
}
