package io.spike.keeper;

import io.spike.identity.SvidSource;
import io.spike.identity.SvidSources;
import io.spike.identity.TlsContexts;
import io.spike.keeper.http.KeeperErrorMapping;
import io.spike.server.JettyServers;
import io.spike.server.pipeline.Pipeline;
import io.spike.server.pipeline.RouteTable;
import org.eclipse.jetty.server.Server;

/**
 * A running keeper: Jetty 12 with one mTLS (HTTP/1.1) connector and the shared request {@link
 * Pipeline} over a route table of two routes, {@link KeeperRoutes} (JSON bodies at most {@value
 * #MAX_BODY_BYTES} bytes; keepers keep no audit log and are never sealed).
 *
 * <p>Client certificates are required; the TLS context from {@link TlsContexts#server} accepts any
 * SVID of our trust domain and each route's guard decides by role. The shard is held by a {@link
 * ShardSlot} that is wiped on {@link #stop()}.
 */
public final class KeeperServer implements AutoCloseable {
  /** Largest request body: a shard request is about 150 bytes. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private static final JettyServers.Threads THREADS = new JettyServers.Threads("keeper", 32, 2);
  private final KeeperConfig config;
  private final SvidSource svid;
  private final ShardSlot slot = new ShardSlot();
  private Server server;
  private int port = -1;

  public KeeperServer(KeeperConfig config, SvidSource svid) {
    this.config = config;
    // A rotation to another SPIFFE ID is not adopted: it would change which keeper this is.
    this.svid = SvidSources.pinned(svid);
  }

  /**
   * Binds and starts serving; throws {@link IllegalStateException} when the port cannot be bound.
   */
  public synchronized KeeperServer start() {
    if (server != null) {
      throw new IllegalStateException("keeper already started");
    }
    RouteTable routes = KeeperRoutes.table(slot, config.trust());
    Server jetty =
        JettyServers.tls(
            THREADS,
            config.host(),
            config.port(),
            TlsContexts.server(svid, config.trust()),
            Pipeline.builder(routes, MAX_BODY_BYTES).failures(new KeeperErrorMapping()).build());
    try {
      jetty.start();
    } catch (Exception e) {
      stopQuietly(jetty);
      throw new IllegalStateException(
          "cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
    }
    server = jetty;
    port = JettyServers.port(jetty);
    return this;
  }

  /** The bound port (the real one when configured with 0). */
  public synchronized int port() {
    if (port < 0) {
      throw new IllegalStateException("keeper not started");
    }
    return port;
  }

  /** The slot holding the shard (for this module's tests and diagnostics). */
  ShardSlot slot() {
    return slot;
  }

  /** Stops serving and wipes the shard. Idempotent. */
  public synchronized void stop() {
    if (server != null) {
      stopQuietly(server);
      server = null;
    }
    slot.clear();
  }

  @Override
  public void close() {
    stop();
  }

  private static void stopQuietly(Server jetty) {
    try {
      jetty.stop();
    } catch (Exception ignored) {
      // Stopping is best effort; the process is usually exiting.
    }
  }
}
