package io.spike.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.spike.identity.DevCa;
import io.spike.identity.SpiffeId;
import io.spike.identity.SvidSource;
import io.spike.identity.TlsContexts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SpikeHttpTest {
  private static final SpiffeId NEXUS = SpiffeId.parse("spiffe://spike.ist/spike/nexus");

  /** The two transports: every exchange test runs against both. */
  enum Kind {
    JDK,
    BLOCKING;

    SpikeHttp client(URI base, SSLContext ssl, Duration requestTimeout) {
      Duration connect = Duration.ofSeconds(2);
      return this == JDK
          ? new SpikeHttp(base, ssl, connect, requestTimeout)
          : SpikeHttp.blocking(base, ssl, connect, requestTimeout);
    }
  }

  @TempDir static Path dir;
  private static SvidSource client;
  private static SvidSource nexus;
  private static HttpsServer server;
  private static ExecutorService pool;
  private static final AtomicReference<String> lastContentType = new AtomicReference<>();
  private static final AtomicReference<String> lastAccept = new AtomicReference<>();
  private static final AtomicReference<byte[]> lastBody = new AtomicReference<>();
  private static final AtomicInteger redirectTargetHits = new AtomicInteger();

  @BeforeAll
  static void start() throws IOException {
    DevCa ca = DevCa.create(dir.resolve("ca"), "spike.ist");
    client = ca.issueSource("/spike/pilot/role/superuser", dir);
    nexus = ca.issueSource("/spike/nexus", dir);
    // 127.0.0.2: not a host name in the server's certificate (localhost, 127.0.0.1), as the SVID
    // trust manager identifies peers by SPIFFE ID only.
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(TlsContexts.server(nexus, id -> true)) {
          @Override
          public void configure(com.sun.net.httpserver.HttpsParameters params) {
            params.setNeedClientAuth(true);
          }
        });
    server.createContext("/ok", ex -> answer(ex, 200, "{\"answer\":\"42\"}"));
    server.createContext(
        "/error", ex -> answer(ex, 503, "{\"err\":\"state_not_ready\",\"message\":\"sealed\"}"));
    server.createContext(
        "/slow",
        ex -> {
          try {
            Thread.sleep(3000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          answer(ex, 200, "{}");
        });
    server.createContext(
        "/redirect",
        ex -> {
          ex.getResponseHeaders().add("Location", "/target");
          answer(ex, 302, "");
        });
    server.createContext(
        "/target",
        ex -> {
          redirectTargetHits.incrementAndGet();
          answer(ex, 200, "{}");
        });
    server.createContext(
        "/unauthorized",
        ex -> answer(ex, 401, "{\"err\":\"access_unauthorized\",\"message\":\"wrong password\"}"));
    server.createContext("/big", new Big(200));
    server.createContext("/big-error", new Big(500));
    pool = Executors.newCachedThreadPool();
    server.setExecutor(pool);
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
    pool.shutdownNow();
    client.close();
    nexus.close();
  }

  private static void answer(HttpExchange ex, int status, String json) throws IOException {
    lastContentType.set(ex.getRequestHeaders().getFirst("Content-Type"));
    lastAccept.set(ex.getRequestHeaders().getFirst("Accept"));
    lastBody.set(ex.getRequestBody().readAllBytes());
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  /** 8 MiB of 'x' with the given status. */
  private record Big(int status) implements HttpHandler {
    @Override
    public void handle(HttpExchange ex) throws IOException {
      ex.getRequestBody().readAllBytes();
      ex.sendResponseHeaders(status, 8 << 20);
      byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
      try (OutputStream out = ex.getResponseBody()) {
        for (int i = 0; i < 128; i++) {
          out.write(chunk);
        }
      } catch (IOException clientWentAway) {
        // expected when the client closes early
      }
    }
  }

  private static SpikeHttp http(Kind kind, Predicate<SpiffeId> acceptServer) {
    return http(kind, acceptServer, Duration.ofSeconds(10));
  }

  private static SpikeHttp http(Kind kind, Predicate<SpiffeId> acceptServer, Duration timeout) {
    URI base = URI.create("https://127.0.0.2:" + server.getAddress().getPort() + "/");
    return kind.client(base, TlsContexts.client(client, acceptServer), timeout);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void post_decodesTheAnswerAndSendsJsonHeaders(Kind kind) {
    @SuppressWarnings("unchecked")
    Map<String, String> answer =
        http(kind, NEXUS::equals).post("/ok", "get", Map.of("k", "v"), Map.class);

    assertThat(answer).containsEntry("answer", "42");
    assertThat(lastContentType.get()).isEqualTo("application/json");
    assertThat(lastAccept.get()).isEqualTo("application/json");
    assertThat(new String(lastBody.get(), StandardCharsets.UTF_8)).isEqualTo("{\"k\":\"v\"}");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void post_errorBody_becomesApiException(Kind kind) {
    assertThatThrownBy(() -> http(kind, NEXUS::equals).post("/error", null, Map.of(), Map.class))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.NOT_READY);
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.getMessage()).isEqualTo("state_not_ready: sealed");
            });
  }

  /** A 401 keeps its body (HttpURLConnection drops it in streaming mode): "wrong password". */
  @ParameterizedTest
  @EnumSource(Kind.class)
  void post_unauthorized_keepsTheServersMessage(Kind kind) {
    assertThatThrownBy(
            () -> http(kind, NEXUS::equals).post("/unauthorized", null, Map.of(), Map.class))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.getMessage()).isEqualTo("access_unauthorized: wrong password");
            });
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void post_connectionRefused(Kind kind) throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    SpikeHttp http =
        kind.client(
            URI.create("https://127.0.0.1:" + closed),
            TlsContexts.client(client, NEXUS::equals),
            Duration.ofSeconds(5));

    assertThatThrownBy(() -> http.post("/ok", null, Map.of(), Map.class))
        .isInstanceOf(ApiUnreachableException.class)
        .hasMessage("cannot reach https://127.0.0.1:" + closed + "/ok: connection refused");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void post_slowServer_timesOut(Kind kind) {
    assertThatThrownBy(
            () ->
                http(kind, NEXUS::equals, Duration.ofMillis(300))
                    .post("/slow", null, Map.of(), Map.class))
        .isInstanceOf(ApiUnreachableException.class)
        .hasMessageEndingWith("/slow: timed out");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void post_serverWithAnotherSpiffeId_isRefused(Kind kind) {
    SpiffeId keeper = SpiffeId.parse("spiffe://spike.ist/spike/keeper/1");

    assertThatThrownBy(() -> http(kind, keeper::equals).post("/ok", null, Map.of(), Map.class))
        .isInstanceOf(ApiUnreachableException.class)
        .hasMessageContaining("TLS handshake failed");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void post_redirect_isNotFollowed(Kind kind) {
    int before = redirectTargetHits.get();

    assertThatThrownBy(() -> http(kind, NEXUS::equals).post("/redirect", null, Map.of(), Map.class))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(302));
    assertThat(redirectTargetHits.get()).isEqualTo(before);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void postFile_sendsTheFileAsOctetStream(Kind kind) throws IOException {
    byte[] content = new byte[300_000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) i;
    }
    Path file = Files.write(dir.resolve("upload-" + kind), content);

    @SuppressWarnings("unchecked")
    Map<String, String> answer =
        http(kind, NEXUS::equals).postFile("/ok", "restore", file, Map.class);

    assertThat(answer).containsEntry("answer", "42");
    assertThat(lastContentType.get()).isEqualTo("application/octet-stream");
    assertThat(lastBody.get()).isEqualTo(content);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void postFile_missingFile_isUncheckedIo(Kind kind) {
    Path missing = dir.resolve("missing");

    assertThatThrownBy(() -> http(kind, NEXUS::equals).postFile("/ok", null, missing, Map.class))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot read " + missing);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void postForStream_closedEarly_thenTheClientStillWorks(Kind kind) throws IOException {
    SpikeHttp http = http(kind, NEXUS::equals);
    try (InputStream in = http.postForStream("/big", null, Map.of())) {
      assertThat(in.readNBytes(10)).isEqualTo("xxxxxxxxxx".getBytes(StandardCharsets.US_ASCII));
    }

    assertThat(http.post("/ok", null, Map.of(), Map.class)).containsEntry("answer", "42");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void postForStream_errorStatus_readsACappedBody(Kind kind) {
    assertThatThrownBy(() -> http(kind, NEXUS::equals).postForStream("/big-error", null, Map.of()))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(500);
              assertThat(e.getMessage()).contains("HTTP 500");
            });
  }

  @Test
  void blockingTransport_leavesTheJvmDefaultHttpsTrustAsTheJdkMadeIt() throws IOException {
    http(Kind.BLOCKING, NEXUS::equals).post("/ok", null, Map.of(), Map.class);
    // The transport installs a lazy stand-in for the JVM's default HTTPS socket factory: it must
    // still be the JDK's default (the JDK's CA certificates, no client certificate), so a plain
    // HttpsURLConnection does not trust the dev CA's server.
    SSLSocketFactory jdkDefault = (SSLSocketFactory) SSLSocketFactory.getDefault();
    assertThat(HttpsURLConnection.getDefaultSSLSocketFactory().getDefaultCipherSuites())
        .containsExactly(jdkDefault.getDefaultCipherSuites());
    URL url = new URL("https://127.0.0.2:" + server.getAddress().getPort() + "/ok");
    HttpsURLConnection plain = (HttpsURLConnection) url.openConnection(Proxy.NO_PROXY);
    plain.setConnectTimeout(2000);
    assertThatThrownBy(plain::getResponseCode).isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void toException_mapsErrBodyToCode() {
    ApiException e =
        SpikeHttp.toException(
            503, "{\"err\":\"state_not_ready\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(e.code()).isEqualTo(ErrorCode.NOT_READY);
    assertThat(e.status()).isEqualTo(503);
  }

  @Test
  void toException_keepsServerMessage() {
    ApiException e =
        SpikeHttp.toException(
            400,
            "{\"err\":\"api_bad_request\",\"message\":\"wrong shard 2\"}"
                .getBytes(StandardCharsets.UTF_8));
    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(e.getMessage()).isEqualTo("api_bad_request: wrong shard 2");
  }

  @Test
  void toException_nonJsonBody_fallsBackToStatus() {
    ApiException e =
        SpikeHttp.toException(413, "<html>too big</html>".getBytes(StandardCharsets.UTF_8));
    assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
    ApiException unknown = SpikeHttp.toException(418, new byte[0]);
    assertThat(unknown.code()).isEqualTo(ErrorCode.INTERNAL);
    assertThat(unknown.status()).isEqualTo(418);
  }
}
