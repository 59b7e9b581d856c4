package io.spike.nexus.http;

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
 * Builds the two Jetty servers of Nexus (not started): the API over mTLS (HTTP/1.1, client
 * certificate required, SNI host check off since SVIDs name SPIFFE IDs, not hosts) and the
 * plain-HTTP operations port.
 */
public final class JettyServers {
  private JettyServers() {}

  /** The mTLS API server; {@code ssl} decides whom we accept at the handshake. */
  public static Server tls(String host, int port, SSLContext ssl, Handler handler) {
    QueuedThreadPool threads = new QueuedThreadPool(200, 4);
    threads.setName("nexus-api");
    Server server = new Server(threads);
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

  /** The plain-HTTP operations server (health, readiness, metrics). */
  public static Server plain(String host, int port, Handler handler) {
    QueuedThreadPool threads = new QueuedThreadPool(16, 2);
    threads.setName("nexus-ops");
    Server server = new Server(threads);
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

  private static HttpConfiguration configuration() {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    return http;
  }
}
