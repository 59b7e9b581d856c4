package io.spike.server;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
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
 * Builds the Jetty 12 servers of Nexus and the keepers (not started): mTLS servers (HTTP/1.1, TLS
 * 1.3 and 1.2 only, client certificate required, SNI host check off since SVIDs name SPIFFE IDs,
 * not hosts) and the plain-HTTP operations port. Neither sends a server version.
 *
 * <p>The mTLS servers offer only the AEAD cipher suites of {@link #CIPHER_SUITES}, strongest first,
 * and choose by that order rather than the client's: no CBC suite (LUCKY13), no static RSA or
 * finite-field DH key exchange, nothing without forward secrecy.
 */
public final class JettyServers {
  private JettyServers() {}

  /** Thread pool sizing and name of a server. */
  public record Threads(String name, int max, int min) {}

  /** The Nexus API server's pool. */
  public static final Threads API = new Threads("nexus-api", 200, 4);

  /**
   * The cipher suites an mTLS server may offer, in the order it prefers them: TLS 1.3's AEAD
   * suites, then TLS 1.2's ECDHE suites with AES-GCM or ChaCha20-Poly1305 (ECDSA first, since SVIDs
   * are EC keys by default; the RSA ones serve RSA SVIDs). 256-bit keys before 128-bit. An explicit
   * list, so a JDK that adds or re-enables a suite does not change what we offer.
   */
  static final List<String> CIPHER_SUITES =
      List.of(
          "TLS_AES_256_GCM_SHA384",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");

  /** An mTLS server; {@code ssl} decides whom we accept at the handshake. */
  public static Server tls(
      Threads threads, String host, int port, SSLContext ssl, Handler handler) {
    Server server = new Server(pool(threads));
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setSslContext(ssl);
    tls.setNeedClientAuth(true);
    tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    tls.setIncludeCipherSuites(
        supported(
                CIPHER_SUITES,
                Set.copyOf(Arrays.asList(ssl.getSupportedSSLParameters().getCipherSuites())))
            .toArray(String[]::new));
    tls.setUseCipherSuitesOrder(true);
    HttpConfiguration http = configuration();
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    http.addCustomizer(secure);
    ServerConnector connector =
        new ServerConnector(
            server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(http));
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
    ServerConnector connector =
        new ServerConnector(server, 1, 1, new HttpConnectionFactory(configuration()));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(handler);
    return server;
  }

  /**
   * The suites of {@code preferred} that this JVM implements, in {@code preferred}'s order, so that
   * start-up does not fail on a JVM lacking one (e.g. ChaCha20 before JDK 12).
   */
  static List<String> supported(List<String> preferred, Set<String> implemented) {
    List<String> suites = preferred.stream().filter(implemented::contains).toList();
    if (suites.isEmpty()) {
      throw new IllegalStateException(
          "this JVM implements none of the TLS cipher suites SPIKE offers: "
              + String.join(", ", preferred));
    }
    return suites;
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
