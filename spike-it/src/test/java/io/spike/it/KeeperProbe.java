package io.spike.it;

import io.spike.api.KeeperClient;
import io.spike.api.SpikeHttp;
import io.spike.api.wire.ShardValue;
import io.spike.identity.Role;
import io.spike.identity.SvidSource;
import io.spike.identity.SvidSources;
import io.spike.identity.TlsContexts;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/** Speaks to a dev cluster's keepers directly, as Nexus (its SVID from the dev directory). */
final class KeeperProbe implements AutoCloseable {
  private final SvidSource source;
  private final SSLContext ssl;

  KeeperProbe(Path devDir) {
    this.source =
        SvidSources.fromFiles(
            devDir.resolve("svid/nexus.crt"),
            devDir.resolve("svid/nexus.key"),
            devDir.resolve("ca/bundle.pem"));
    this.ssl = TlsContexts.client(source, TlsContexts.role(Role.KEEPER, "spike.ist"));
  }

  static int port(int keeper) {
    return 8443 + 100 * (keeper - 1);
  }

  KeeperClient keeper(int n) {
    return new KeeperClient(new SpikeHttp(URI.create("https://localhost:" + port(n)), ssl));
  }

  Optional<ShardValue> shard(int n) {
    return keeper(n).shard();
  }

  /** Waits up to {@code limit} until all three keepers hold a shard. */
  void awaitAllShards(Duration limit) {
    DevCluster.await(
        limit, () -> shard(1).isPresent() && shard(2).isPresent() && shard(3).isPresent());
  }

  void plant(int n, ShardValue wrong) {
    keeper(n).contribute(wrong);
  }

  @Override
  public void close() throws Exception {
    source.close();
  }
}
