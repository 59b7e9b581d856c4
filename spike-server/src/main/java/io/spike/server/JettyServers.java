package io.spike.server;

import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Builds the Jetty 12 servers of Nexus and the keepers (not started): mTLS servers (HTTP/1.1,
 * TLS 1.3 and 1.2 only, client certificate required, SNI host check off since SVIDs name SPIFFE
 * IDs, not hosts) and the plain-HTTP operations port. Neither sends a server version.
 */
public final class JettyServers {
  private JettyServers() {}

  /** Thread pool sizing and name of a server. */
  public record Threads(String name, int max, int min) {}

  /** The Nexus API server's pool. */
  public static final Threads API = new Threads("nexus-api", 200, 4);

  /** An mTLS server; {@code ssl} decides whom we accept at the handshake. */
  public static Server tls(Threads threads, String host, int port, SSLContext ssl, Handler handler) {
    Server server = new Server(pool(threads));
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setSslContext(ssl);
    tls.setNeedClientAuth(true);
    tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    HttpConfiguration http = configuration();
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    http.addCustomizer(secure);
    ServerConnector connector = new ServerConnector(server,
        new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(handler);
    return server;
  }

  /** The Nexus API server: {@link #tls} with the {@link #API} pool. */
  public static Server tls(String host, int port, SSLContext ssl, Handler handler) {
    return tls(API, host, port, ssl, handler);
  }

  /** The plain-HTTP operations server (health, readiness, metrics). */
  public static Server plain(String host, int port, Handler handler) {
    Server server = new Server(pool(new Threads("nexus-ops", 16, 2)));
    ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(configuration()));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(handler);
    return server;
  }

  /** The port a started server is bound to. */
  public static int port(Server server) {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  private static QueuedThreadPool pool(Threads threads) {
    QueuedThreadPool pool = new QueuedThreadPool(threads.max(), threads.min());
    pool.setName(threads.name());
    return pool;
  }

  private static HttpConfiguration configuration() {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    return http;
  }
}
