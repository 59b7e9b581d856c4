package io.spike.keeper;

import io.spike.identity.SvidSource;
import io.spike.identity.TlsContexts;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A running keeper: Jetty 12 with one mTLS (HTTP/1.1) connector and {@link KeeperHandler}.
 *
 * <p>Client certificates are required; the TLS context from {@link TlsContexts#server} accepts
 * any SVID of our trust domain and the handler decides by role. The shard is held by a
 * {@link ShardSlot} that is wiped on {@link #stop()}.
 */
public final class KeeperServer implements AutoCloseable {
  private final KeeperConfig config;
  private final SvidSource svid;
  private final ShardSlot slot = new ShardSlot();
  private Server server;
  private ServerConnector connector;

  public KeeperServer(KeeperConfig config, SvidSource svid) {
    this.config = config;
    this.svid = svid;
  }

  /** Binds and starts serving; throws {@link IllegalStateException} when the port cannot be bound. */
  public synchronized KeeperServer start() {
    if (server != null) {
      throw new IllegalStateException("keeper already started");
    }
    QueuedThreadPool threads = new QueuedThreadPool(32, 2);
    threads.setName("keeper");
    Server jetty = new Server(threads);
    connector = new ServerConnector(jetty, new SslConnectionFactory(tls(TlsContexts.server(svid)), "http/1.1"),
        new HttpConnectionFactory(httpConfiguration()));
    connector.setHost(config.host());
    connector.setPort(config.port());
    jetty.addConnector(connector);
    jetty.setHandler(new KeeperHandler(slot, config.trustDomain()));
    try {
      jetty.start();
    } catch (Exception e) {
      stopQuietly(jetty);
      throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
    }
    server = jetty;
    return this;
  }

  /** The bound port (the real one when configured with 0). */
  public synchronized int port() {
    if (connector == null) {
      throw new IllegalStateException("keeper not started");
    }
    return connector.getLocalPort();
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

  private static SslContextFactory.Server tls(SSLContext context) {
    SslContextFactory.Server factory = new SslContextFactory.Server();
    factory.setSslContext(context);
    factory.setNeedClientAuth(true);
    factory.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    return factory;
  }

  private static HttpConfiguration httpConfiguration() {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    http.addCustomizer(secure);
    return http;
  }

  private static void stopQuietly(Server jetty) {
    try {
      jetty.stop();
    } catch (Exception ignored) {
      // Stopping is best effort; the process is usually exiting.
    }
  }
}
