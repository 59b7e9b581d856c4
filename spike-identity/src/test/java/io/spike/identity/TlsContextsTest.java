package io.spike.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.spiffe.provider.SpiffeKeyManager;
import io.spike.testkit.UnsafeTrustAll;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real handshakes over loopback between contexts built from dev-CA SVIDs. */
class TlsContextsTest {

  private static final String TD = "spike.ist";
  private static final SpiffeId NEXUS = Role.NEXUS.id(TD);
  private static final SpiffeId KEEPER = Role.KEEPER.id(TD);
  private static final SpiffeId SUPERUSER = Role.SUPERUSER.id(TD);

  @TempDir Path tmp;

  private DevCa ca;
  private EchoServer server;

  @BeforeEach
  void setUp() {
    ca = DevCa.create(tmp.resolve("ca"), TD);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void mutualTls_eachSideSeesTheOthersSpiffeId() throws Exception {
    server = new EchoServer(TlsContexts.server(source("nexus", NEXUS)));
    SSLContext client =
        TlsContexts.client(source("pilot", SUPERUSER), TlsContexts.role(Role.NEXUS, TD));

    try (SSLSocket socket = connect(client, server.port())) {
      assertThat(readLine(socket)).isEqualTo("hello " + SUPERUSER);
      assertThat(PeerIdentity.fromSession(socket.getSession())).contains(NEXUS);
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
    }
    assertThat(server.next().id()).contains(SUPERUSER);
  }

  @Test
  void client_requiringNexus_rejectsAKeeperServer() throws Exception {
    server = new EchoServer(TlsContexts.server(source("keeper", KEEPER)));
    SSLContext client =
        TlsContexts.client(source("pilot", SUPERUSER), TlsContexts.role(Role.NEXUS, TD));

    Throwable failure =
        catchThrowable(
            () -> {
              try (SSLSocket socket = connect(client, server.port())) {
                socket.startHandshake();
              }
            });

    assertThat(failure).isInstanceOf(SSLHandshakeException.class);
    assertThat(rootMessage(failure)).contains("spiffe://spike.ist/spike/keeper is not accepted");
    assertThat(server.next().error()).isNotNull();
  }

  @Test
  void server_rejectsAClientCertificateFromAnotherCa() throws Exception {
    server = new EchoServer(TlsContexts.server(source("nexus", NEXUS)));
    DevCa rogue = DevCa.create(tmp.resolve("rogue-ca"), TD);
    Svid rogueSvid = rogue.issue(SUPERUSER, tmp.resolve("rogue.crt"), tmp.resolve("rogue.key"));
    // The rogue client trusts our CA (it wants to reach us) but holds a certificate from its own
    // CA.
    SSLContext client =
        contextWith(
            new SpiffeKeyManager(
                SvidSources.fromFiles(rogueSvid.cert(), rogueSvid.key(), rogue.bundle())
                    .x509Source()),
            new UnsafeTrustAll());

    assertThat(tryCall(client, server.port())).isEmpty();
    ServerOutcome outcome = server.next();
    assertThat(outcome.error()).isNotNull();
    assertThat(outcome.id()).isEmpty();
  }

  @Test
  void server_rejectsAClientWithoutCertificate_evenWithoutAskingForClientAuth() throws Exception {
    server = new EchoServer(TlsContexts.server(source("nexus", NEXUS)));
    SSLContext client = contextWith(null, new UnsafeTrustAll());

    assertThat(server.needClientAuth()).as("pinned by the server context").isTrue();
    assertThat(tryCall(client, server.port())).isEmpty();
    assertThat(server.next().error()).isNotNull();
  }

  @Test
  void serverPredicate_refusesClientsItDoesNotAccept() throws Exception {
    server =
        new EchoServer(
            TlsContexts.server(source("keeper", KEEPER), TlsContexts.role(Role.NEXUS, TD)));
    SSLContext workload =
        TlsContexts.client(
            source("app", SpiffeId.parse("spiffe://spike.ist/app")), TlsContexts.memberOf(TD));
    SSLContext nexus =
        TlsContexts.client(source("nexus", NEXUS), TlsContexts.role(Role.KEEPER, TD));

    assertThat(tryCall(workload, server.port())).isEmpty();
    assertThat(server.next().error()).isNotNull();
    assertThat(tryCall(nexus, server.port())).contains("hello " + NEXUS);
    assertThat(server.next().id()).contains(NEXUS);
  }

  @Test
  void server_presentsAReissuedSvidWithoutBeingRebuilt() throws Exception {
    Path cert = tmp.resolve("svid/keeper.crt");
    Path key = tmp.resolve("svid/keeper.key");
    ca.issue(KEEPER, cert, key);
    SvidSource serverSource = SvidSources.fromFiles(cert, key, ca.bundle(), Duration.ZERO);
    server = new EchoServer(TlsContexts.server(serverSource));
    SvidSource nexus = source("nexus", NEXUS);
    SpiffeId keeper2 = SpiffeId.parse("spiffe://spike.ist/spike/keeper/2");

    assertThat(serverIdSeenBy(TlsContexts.client(nexus, TlsContexts.role(Role.KEEPER, TD))))
        .contains(KEEPER);
    ca.issue(keeper2, cert, key);

    assertThat(serverIdSeenBy(TlsContexts.client(nexus, TlsContexts.role(Role.KEEPER, TD))))
        .contains(keeper2);
  }

  @Test
  void client_presentsAReissuedSvidWithoutBeingRebuilt() throws Exception {
    server = new EchoServer(TlsContexts.server(source("nexus", NEXUS)));
    Path cert = tmp.resolve("svid/pilot.crt");
    Path key = tmp.resolve("svid/pilot.key");
    ca.issue(SUPERUSER, cert, key);
    SSLContext client =
        TlsContexts.client(
            SvidSources.fromFiles(cert, key, ca.bundle(), Duration.ZERO),
            TlsContexts.role(Role.NEXUS, TD));

    assertThat(tryCall(client, server.port())).contains("hello " + SUPERUSER);
    assertThat(server.next().id()).contains(SUPERUSER);
    ca.issue(Role.RESTORE.id(TD), cert, key);
    // Another port: the client cannot resume its cached session, so this is a full handshake.
    server.close();
    server = new EchoServer(TlsContexts.server(source("nexus", NEXUS)));

    assertThat(tryCall(client, server.port())).contains("hello " + Role.RESTORE.id(TD));
    assertThat(server.next().id()).contains(Role.RESTORE.id(TD));
  }

  @Test
  void tls12_isStillSpoken() throws Exception {
    server = new EchoServer(TlsContexts.server(source("nexus", NEXUS)));
    SSLContext client =
        TlsContexts.client(source("pilot", SUPERUSER), TlsContexts.role(Role.NEXUS, TD));

    try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket()) {
      socket.setEnabledProtocols(new String[] {"TLSv1.2"});
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 5000);
      socket.setSoTimeout(5000);
      assertThat(readLine(socket)).isEqualTo("hello " + SUPERUSER);
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
    }
  }

  @Test
  void tls11_isRefused() throws Exception {
    server = new EchoServer(TlsContexts.server(source("nexus", NEXUS)));
    SSLContext legacy = SSLContext.getInstance("TLS");
    legacy.init(null, new TrustManager[] {new UnsafeTrustAll()}, null);

    Throwable failure =
        catchThrowable(
            () -> {
              try (SSLSocket socket =
                  (SSLSocket)
                      legacy
                          .getSocketFactory()
                          .createSocket(InetAddress.getLoopbackAddress(), server.port())) {
                socket.setSoTimeout(5000);
                socket.setEnabledProtocols(new String[] {"TLSv1.1"});
                socket.startHandshake();
              }
            });

    assertThat(failure).isInstanceOf(IOException.class);
  }

  @Test
  void jdkHttpClient_reachesAServerWhoseCertificateNamesNoHost() throws Exception {
    SvidSource serverSource = hostless("nohost");
    SvidSource pilot = source("pilot", SUPERUSER);
    HttpsServer https = httpsServer(TlsContexts.server(serverSource));
    try {
      URI uri = URI.create("https://127.0.0.1:" + https.getAddress().getPort() + "/whoami");
      HttpClient client = httpClient(TlsContexts.client(pilot, TlsContexts.role(Role.NEXUS, TD)));

      HttpResponse<String> response = postEmpty(client, uri);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo(SUPERUSER.toString());

      // Control: the JDK's own PKIX trust manager, trusting the same CA, refuses the host name.
      HttpClient pkix =
          httpClient(
              contextWith(
                  new SpiffeKeyManager(pilot.x509Source()), pkixTrusting(ca.certificate())));
      Throwable failure = catchThrowable(() -> get(pkix, uri));
      assertThat(failure).isInstanceOf(IOException.class);
      assertThat(rootMessage(failure)).containsIgnoringCase("subject alternative name");
    } finally {
      https.stop(0);
    }
  }

  @Test
  void jdkHttpClient_refusesAServerOutsideItsPredicate() throws Exception {
    HttpsServer https = httpsServer(TlsContexts.server(source("keeper", KEEPER)));
    try {
      HttpClient client = pilotClient();
      URI uri = URI.create("https://localhost:" + https.getAddress().getPort() + "/whoami");

      assertThatThrownBy(() -> get(client, uri)).isInstanceOf(SSLHandshakeException.class);
    } finally {
      https.stop(0);
    }
  }

  @Test
  void jetty12_recipe_servesMutualTlsToAServerCertificateWithoutHostNames() throws Exception {
    withJetty(
        TlsContexts.server(hostless("jetty")),
        true,
        false,
        port -> {
          HttpClient client = pilotClient();
          for (String host : new String[] {"localhost", "127.0.0.1"}) {
            URI uri = URI.create("https://" + host + ":" + port + "/v1/sys/status");

            HttpResponse<String> response = postEmpty(client, uri);

            assertThat(response.statusCode()).as(host).isEqualTo(200);
            assertThat(response.body()).isEqualTo(SUPERUSER.toString());
          }
        });
  }

  @Test
  void jetty12_withDefaultSniHostCheck_refusesHostNamesTheCertificateLacks() throws Exception {
    withJetty(
        TlsContexts.server(hostless("jetty")),
        true,
        true,
        port -> {
          HttpResponse<String> response =
              get(pilotClient(), URI.create("https://localhost:" + port + "/"));

          assertThat(response.statusCode())
              .as("why setSniHostCheck(false) is needed")
              .isEqualTo(400);
        });
  }

  @Test
  void jetty12_refusesAClientWithoutCertificate_evenWithoutSetNeedClientAuth() throws Exception {
    for (boolean needClientAuth : new boolean[] {true, false}) {
      withJetty(
          TlsContexts.server(source("nexus", NEXUS)),
          needClientAuth,
          false,
          port -> {
            HttpClient client = httpClient(contextWith(null, new UnsafeTrustAll()));
            URI uri = URI.create("https://localhost:" + port + "/");

            assertThatThrownBy(() -> get(client, uri))
                .as("setNeedClientAuth(%s)", needClientAuth)
                .isInstanceOf(IOException.class);
          });
    }
  }

  @Test
  void sessions_areResumableForFiveMinutesOnly() {
    SvidSource nexus = source("nexus", NEXUS);

    assertThat(TlsContexts.server(nexus).getServerSessionContext().getSessionTimeout())
        .isEqualTo(300);
    assertThat(TlsContexts.client(nexus, id -> true).getClientSessionContext().getSessionTimeout())
        .isEqualTo(300);
  }

  @Test
  void role_andMemberOf_predicates() {
    assertThat(
            TlsContexts.role(Role.KEEPER, TD)
                .test(SpiffeId.parse("spiffe://spike.ist/spike/keeper/1")))
        .isTrue();
    assertThat(
            TlsContexts.role(Role.KEEPER, TD)
                .test(SpiffeId.parse("spiffe://other.td/spike/keeper")))
        .isFalse();
    assertThat(TlsContexts.memberOf(TD).test(SpiffeId.parse("spiffe://spike.ist/anything")))
        .isTrue();
    assertThat(TlsContexts.memberOf(TD).test(SpiffeId.parse("spiffe://other.td/anything")))
        .isFalse();
  }

  @Test
  void federation_nexusOfAPartnerDomain_isReachedOnlyWhenTheNexusListNamesIt() throws Exception {
    DevCa partner = DevCa.create(tmp.resolve("partner-ca"), "partner.example");
    Svid nexusSvid =
        partner.issue(
            SpiffeId.parse("spiffe://partner.example/spike/nexus"),
            tmp.resolve("partner-nexus.crt"),
            tmp.resolve("partner-nexus.key"));
    SvidSource partnerNexus =
        SvidSources.fromFiles(
            nexusSvid.cert(), nexusSvid.key(), partner.bundle(), Map.of(TD, ca.bundle()));
    Svid pilotSvid = ca.issue(SUPERUSER, tmp.resolve("pilot.crt"), tmp.resolve("pilot.key"));
    SvidSource pilot =
        SvidSources.fromFiles(
            pilotSvid.cert(),
            pilotSvid.key(),
            ca.bundle(),
            Map.of("partner.example", partner.bundle()));
    TrustRoots nexusThere =
        new TrustRoots(
            TD,
            List.of("partner.example"),
            List.of(TD),
            List.of(TD, "partner.example"),
            List.of(TD));
    TrustRoots partnerIsPilotsOnly =
        new TrustRoots(TD, List.of(TD), List.of(TD), List.of(TD, "partner.example"), List.of(TD));
    server = new EchoServer(TlsContexts.server(partnerNexus, nexusThere));

    assertThat(serverIdSeenBy(TlsContexts.client(pilot, nexusThere, nexusThere.role(Role.NEXUS))))
        .contains(SpiffeId.parse("spiffe://partner.example/spike/nexus"));
    assertThat(
            tryCall(
                TlsContexts.client(
                    pilot, partnerIsPilotsOnly, partnerIsPilotsOnly.role(Role.NEXUS)),
                server.port()))
        .as("a Nexus ID in a domain allowed for pilots only is no Nexus")
        .isEmpty();
    server.next();
    // Without the partner's bundle, its chain cannot be checked at all.
    assertThat(
            tryCall(
                TlsContexts.client(
                    source("plain-pilot", SUPERUSER), nexusThere, nexusThere.role(Role.NEXUS)),
                server.port()))
        .isEmpty();
  }

  // --- helpers ---

  private SvidSource source(String name, SpiffeId id) {
    Svid svid =
        ca.issue(id, tmp.resolve("svid/" + name + ".crt"), tmp.resolve("svid/" + name + ".key"));
    return SvidSources.fromFiles(svid.cert(), svid.key(), ca.bundle());
  }

  /** A Nexus SVID whose certificate names no host, only its SPIFFE ID. */
  private SvidSource hostless(String name) {
    Svid svid =
        ca.issue(
            NEXUS,
            tmp.resolve(name + ".crt"),
            tmp.resolve(name + ".key"),
            Duration.ofHours(1),
            false);
    return SvidSources.fromFiles(svid.cert(), svid.key(), ca.bundle());
  }

  private Optional<SpiffeId> serverIdSeenBy(SSLContext client)
      throws IOException, InterruptedException {
    try (SSLSocket socket = connect(client, server.port())) {
      readLine(socket);
      server.next();
      return PeerIdentity.fromSession(socket.getSession());
    }
  }

  private static SSLSocket connect(SSLContext context, int port) throws IOException {
    SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(5000);
    return socket;
  }

  private static String readLine(SSLSocket socket) throws IOException {
    return new BufferedReader(
            new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
        .readLine();
  }

  /** The server's greeting, or empty when the handshake or the read failed. */
  private static Optional<String> tryCall(SSLContext context, int port) {
    try (SSLSocket socket = connect(context, port)) {
      return Optional.ofNullable(readLine(socket));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String rootMessage(Throwable t) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      all.append(c.getMessage()).append(" | ");
    }
    return all.toString();
  }

  private static SSLContext contextWith(KeyManager keyManager, TrustManager trustManager)
      throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(
        keyManager == null ? null : new KeyManager[] {keyManager},
        new TrustManager[] {trustManager},
        null);
    return context;
  }

  private static TrustManager pkixTrusting(X509Certificate ca) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", ca);
    TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
    factory.init(store);
    return factory.getTrustManagers()[0];
  }

  private static HttpsServer httpsServer(SSLContext context) throws IOException {
    HttpsServer https =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    https.setHttpsConfigurator(
        new HttpsConfigurator(context) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
            parameters.setNeedClientAuth(true);
            params.setSSLParameters(parameters);
          }
        });
    https.createContext(
        "/",
        exchange -> {
          String caller =
              PeerIdentity.fromSession(((HttpsExchange) exchange).getSSLSession())
                  .map(SpiffeId::toString)
                  .orElse("anonymous");
          byte[] body = caller.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    https.start();
    return https;
  }

  /** Work against a running Jetty, given its port. */
  @FunctionalInterface
  private interface AtPort {
    void run(int port) throws Exception;
  }

  /** Starts {@link #jetty}, runs {@code test} against its port, and stops it. */
  private static void withJetty(
      SSLContext context, boolean needClientAuth, boolean sniHostCheck, AtPort test)
      throws Exception {
    Server jetty = jetty(context, needClientAuth, sniHostCheck);
    try {
      test.run(port(jetty));
    } finally {
      jetty.stop();
    }
  }

  /** The recipe for Nexus and Keeper (Jetty 12 core, no servlets). */
  private static Server jetty(SSLContext context, boolean needClientAuth, boolean sniHostCheck)
      throws Exception {
    Server jetty = new Server();
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setSslContext(context);
    ssl.setNeedClientAuth(needClientAuth);
    HttpConfiguration config = new HttpConfiguration();
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(sniHostCheck);
    config.addCustomizer(secure);
    ServerConnector connector = new ServerConnector(jetty, ssl, new HttpConnectionFactory(config));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    jetty.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            var tls =
                (EndPoint.SslSessionData) request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
            String caller =
                PeerIdentity.fromCertificates(tls == null ? null : tls.peerCertificates())
                    .map(SpiffeId::toString)
                    .orElse("anonymous");
            response.setStatus(200);
            Content.Sink.write(response, true, caller, callback);
            return true;
          }
        });
    jetty.start();
    return jetty;
  }

  private static int port(Server jetty) {
    return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
  }

  private static HttpClient httpClient(SSLContext context) {
    return HttpClient.newBuilder()
        .sslContext(context)
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private HttpClient pilotClient() {
    return httpClient(
        TlsContexts.client(source("pilot", SUPERUSER), TlsContexts.role(Role.NEXUS, TD)));
  }

  private static HttpResponse<String> get(HttpClient client, URI uri)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> postEmpty(HttpClient client, URI uri)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  record ServerOutcome(Optional<SpiffeId> id, Throwable error) {}

  /** Accepts connections; after a handshake writes "hello <peer id>" and records who it was. */
  private static final class EchoServer implements AutoCloseable {
    private final SSLServerSocket listener;
    private final BlockingQueue<ServerOutcome> outcomes = new LinkedBlockingQueue<>();
    private final Thread thread;

    EchoServer(SSLContext context) throws IOException {
      listener =
          (SSLServerSocket)
              context
                  .getServerSocketFactory()
                  .createServerSocket(0, 10, InetAddress.getLoopbackAddress());
      thread = new Thread(this::serve, "echo-server");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return listener.getLocalPort();
    }

    boolean needClientAuth() {
      return listener.getNeedClientAuth();
    }

    ServerOutcome next() throws InterruptedException {
      ServerOutcome outcome = outcomes.poll(10, TimeUnit.SECONDS);
      assertThat(outcome).as("server saw a connection").isNotNull();
      return outcome;
    }

    private void serve() {
      while (!listener.isClosed()) {
        try (SSLSocket socket = (SSLSocket) listener.accept()) {
          socket.setSoTimeout(5000);
          try {
            socket.startHandshake();
            Optional<SpiffeId> peer = PeerIdentity.fromSession(socket.getSession());
            OutputStream out = socket.getOutputStream();
            out.write(
                ("hello " + peer.map(SpiffeId::toString).orElse("anonymous") + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            outcomes.add(new ServerOutcome(peer, null));
          } catch (IOException e) {
            outcomes.add(new ServerOutcome(Optional.empty(), e));
          }
        } catch (IOException e) {
          // listener closed
        }
      }
    }

    @Override
    public void close() throws Exception {
      listener.close();
      thread.join(5000);
    }
  }
}
