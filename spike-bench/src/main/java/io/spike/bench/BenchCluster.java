package io.spike.bench;

import io.spike.api.KeeperClient;
import io.spike.api.NexusClient;
import io.spike.api.SpikeHttp;
import io.spike.api.wire.ShardValue;
import io.spike.config.EnvBuilder;
import io.spike.config.Parser.HostPort;
import io.spike.config.Settings;
import io.spike.crypto.RootKey;
import io.spike.crypto.Shamir;
import io.spike.crypto.Shard;
import io.spike.identity.DevCa;
import io.spike.identity.Role;
import io.spike.identity.SvidSource;
import io.spike.identity.TlsContexts;
import io.spike.keeper.KeeperConfig;
import io.spike.keeper.KeeperServer;
import io.spike.nexus.NexusConfig;
import io.spike.nexus.NexusServer;
import io.spike.store.SpikeStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * Three keepers on loopback and a dev CA in a temp dir, all in this JVM, over real mTLS, as the
 * Nexus test cluster does; Nexus instances are started against it on demand. The keepers are seeded
 * once with the shards of a root key the benchmark also keeps (to encrypt bulk-loaded records
 * offline), so every Nexus started here unseals from them.
 */
final class BenchCluster implements AutoCloseable {
  static final String TD = "spike.bench";
  static final int KEEPERS = 3;

  private final Path dir;
  private final DevCa ca;
  private final Map<String, SvidSource> svids = new ConcurrentHashMap<>();
  private final List<KeeperServer> keepers = new ArrayList<>();

  private BenchCluster(Path dir) {
    this.dir = dir;
    this.ca = DevCa.create(dir.resolve("ca"), TD);
  }

  static BenchCluster start(Path dir) {
    BenchCluster cluster = new BenchCluster(dir);
    try {
      for (int id = 1; id <= KEEPERS; id++) {
        cluster.keepers.add(
            new KeeperServer(
                    new KeeperConfig("127.0.0.1", 0, TD),
                    cluster.svid(Role.KEEPER.path() + "/" + id))
                .start());
      }
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** What bootstrap does: splits {@code key} 2-of-3 and gives each keeper its shard. */
  void seedKeepers(RootKey key) {
    for (Shard shard : Shamir.split(key, KEEPERS, 2)) {
      KeeperClient client =
          new KeeperClient(
              new SpikeHttp(
                  URI.create("https://127.0.0.1:" + keepers.get(shard.id() - 1).port()),
                  TlsContexts.client(
                      svid(Role.BOOTSTRAP.path()), TlsContexts.role(Role.KEEPER, TD))));
      ShardValue wire = shard.withValueBytes(ShardValue::ofBytes);
      client.contribute(wire);
      wire.destroy();
      shard.destroy();
    }
  }

  NexusConfig nexusConfig() {
    Map<String, String> env =
        new EnvBuilder()
            .set(Settings.NEXUS_TLS_ADDR, "127.0.0.1")
            .set(Settings.NEXUS_TLS_PORT, 0)
            .set(Settings.NEXUS_OPS_ADDR, new HostPort("127.0.0.1", 0))
            .set(
                Settings.KEEPER_PEERS,
                keepers.stream().map(k -> URI.create("https://127.0.0.1:" + k.port())).toList())
            .set(Settings.TRUST_ROOT, TD)
            .build();
    return NexusConfig.fromEnvironment(env::get)
        .withRecoveryBackoff(Duration.ofMillis(20), Duration.ofMillis(100));
  }

  NexusServer startNexus(SpikeStore store) {
    return NexusServer.start(nexusConfig(), svid(Role.NEXUS.path()), store);
  }

  /** Waits (polling every millisecond) until {@code nexus} is unsealed. */
  static void awaitUnsealed(NexusServer nexus, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (nexus.isSealed()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("nexus did not unseal within " + timeout);
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * A fresh client (its own JDK HttpClient, hence its own connection) of {@code port} as the
   * superuser.
   */
  NexusClient superuserClient(int port) {
    return new NexusClient(superuserHttp(port));
  }

  SpikeHttp superuserHttp(int port) {
    return new SpikeHttp(URI.create("https://127.0.0.1:" + port), clientTls());
  }

  SSLContext clientTls() {
    return TlsContexts.client(svid(Role.SUPERUSER.path()), TlsContexts.role(Role.NEXUS, TD));
  }

  /** The TLS context Nexus serves with (its SVID, any client of the trust domain). */
  SSLContext nexusServerTls() {
    return TlsContexts.server(svid(Role.NEXUS.path()));
  }

  SvidSource svid(String spiffePath) {
    return svids.computeIfAbsent(spiffePath, p -> ca.issueSource(p, dir.resolve("svid")));
  }

  @Override
  public void close() {
    keepers.forEach(KeeperServer::stop);
    svids.values().forEach(SvidSource::close);
  }
}
