package io.spike.nexus.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.api.Json;
import io.spike.crypto.Keyring;
import io.spike.crypto.RootKey;
import io.spike.identity.DevCa;
import io.spike.identity.Role;
import io.spike.identity.SpiffeId;
import io.spike.identity.SvidSource;
import io.spike.identity.SvidSources;
import io.spike.identity.TlsContexts;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.barrier.TamperedRecordException;
import io.spike.server.JettyServers;
import io.spike.server.RawHttpsConnection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request pipeline, on a real mTLS Jetty server with test routes. */
class ApiHandlerTest {
  private static final String TD = "spike.ist";
  private static final int LIMIT = 4096;
  private static final long UPLOAD_LIMIT = 64 * 1024;
  private static final int STREAMED = 1024 * 1024;

  @TempDir static Path dir;
  private static DevCa ca;
  private static SvidSource serverSvid;
  private static SvidSource callerSvid;
  private static SvidSource deniedSvid;
  private static Server server;
  private static final Barrier barrier = new Barrier();
  private static final AtomicInteger echoCalls = new AtomicInteger();
  private static final AtomicInteger wipes = new AtomicInteger();
  private static final AtomicInteger uploadCalls = new AtomicInteger();
  private static final java.util.concurrent.atomic.AtomicReference<Path> lastUpload =
      new java.util.concurrent.atomic.AtomicReference<>();

  /** The request and response of the test routes. */
  record Echo(String text) {}

  private static Route<Echo> route(boolean whileSealed, java.util.function.Function<Echo, Object> work) {
    return new Route<>() {
      @Override
      public Class<Echo> requestType() {
        return Echo.class;
      }

      @Override
      public Guard<Echo> guard() {
        return (caller, request) -> !caller.path().equals("/denied");
      }

      @Override
      public boolean servesWhileSealed() {
        return whileSealed;
      }

      @Override
      public Object handle(SpiffeId caller, Echo request) {
        echoCalls.incrementAndGet();
        return work.apply(request);
      }
    };
  }

  /** Receives the upload and answers its length and whether the temp file was private. */
  private static Route<Upload> uploadRoute() {
    return new Route<>() {
      @Override
      public Class<Upload> requestType() {
        return Upload.class;
      }

      @Override
      public Guard<Upload> guard() {
        return (caller, request) -> !caller.path().equals("/denied");
      }

      @Override
      public Object handle(SpiffeId caller, Upload upload) {
        uploadCalls.incrementAndGet();
        Path file = upload.receive(UPLOAD_LIMIT);
        lastUpload.set(file);
        try {
          String mode = java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(file));
          return new Echo(java.nio.file.Files.size(file) + " " + mode);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    };
  }

  private static StreamedReply streamed(int bytes, boolean failAfter) {
    return new StreamedReply("application/octet-stream", "data-1.bin", out -> {
      byte[] chunk = new byte[8192];
      java.util.Arrays.fill(chunk, (byte) 'x');
      for (int written = 0; written < bytes; written += chunk.length) {
        out.write(chunk, 0, Math.min(chunk.length, bytes - written));
      }
      if (failAfter) {
        throw new IOException("disk gone");
      }
    });
  }

  @BeforeAll
  static void start() throws Exception {
    ca = DevCa.create(dir.resolve("ca"), TD);
    serverSvid = svid("/spike/nexus");
    callerSvid = svid("/apps/caller");
    deniedSvid = svid("/denied");
    RouteTable table = RouteTable.builder()
        .add("/t/echo", "", route(false, echo -> echo))
        .add("/t/echo", "sealed-ok", route(true, echo -> echo))
        .add("/t/boom", "", route(false, echo -> {
          throw new IllegalStateException("boom " + echo.text());
        }))
        .add("/t/sensitive", "", route(true, echo -> new SensitiveReply(echo, wipes::incrementAndGet)))
        .add("/t/tampered", "", route(false, echo -> {
          throw new TamperedRecordException("secret|x|1");
        }))
        .add("/t/stream", "", route(true, echo -> streamed(STREAMED, false)))
        .add("/t/stream", "fail-early", route(true, echo -> streamed(100, true)))
        .add("/t/stream", "fail-late", route(true, echo -> streamed(STREAMED, true)))
        .add("/t/upload", "", uploadRoute())
        .build();
    server = JettyServers.tls("127.0.0.1", 0, TlsContexts.server(serverSvid), new ApiHandler(table, barrier, LIMIT));
    server.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
    barrier.seal();
    serverSvid.close();
    callerSvid.close();
    deniedSvid.close();
  }

  private static SvidSource svid(String path) {
    String name = path.substring(1).replace('/', '_');
    ca.issue(SpiffeId.of(TD, path), dir.resolve(name + ".crt"), dir.resolve(name + ".key"));
    return SvidSources.fromFiles(dir.resolve(name + ".crt"), dir.resolve(name + ".key"), ca.bundle());
  }

  private static HttpResponse<String> send(SvidSource as, String method, String pathAndQuery, String body) {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .sslContext(TlsContexts.client(as, TlsContexts.role(Role.NEXUS, TD))).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + JettyServers.port(server) + pathAndQuery))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static HttpResponse<String> post(String pathAndQuery, String body) {
    return send(callerSvid, "POST", pathAndQuery, body);
  }

  private static void unsealed(Runnable test) {
    SecureRandom random = new SecureRandom();
    barrier.unseal(RootKey.generate(random), Keyring.create(random));
    try {
      test.run();
    } finally {
      barrier.seal();
    }
  }

  private static String err(HttpResponse<String> response) {
    return Json.decode(response.body().getBytes(StandardCharsets.UTF_8), Map.class).get("err").toString();
  }

  @Test
  void post_echoes_withJsonAndNoStore() {
    unsealed(() -> {
      HttpResponse<String> response = post("/t/echo", "{\"text\":\"hi\"}");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("{\"text\":\"hi\"}");
      assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    });
  }

  @Test
  void get_is405WithBadRequestCode() {
    HttpResponse<String> response = send(callerSvid, "GET", "/t/echo", null);
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(err(response)).isEqualTo("api_bad_request");
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
  }

  @Test
  void unknownPath_is404() {
    HttpResponse<String> response = post("/t/nothing", "{}");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(err(response)).isEqualTo("api_not_found");
  }

  @Test
  void unknownAction_is400() {
    HttpResponse<String> response = post("/t/echo?action=frobnicate", "{}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(err(response)).isEqualTo("api_bad_request");
    assertThat(response.body()).contains("frobnicate");
  }

  @Test
  void oversizedBody_is413_beforeAnythingElse() {
    int before = echoCalls.get();
    HttpResponse<String> response = post("/t/echo", "{\"text\":\"" + "x".repeat(LIMIT) + "\"}");
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(err(response)).isEqualTo("api_too_large");
    assertThat(echoCalls.get()).isEqualTo(before);
  }

  @Test
  void oversizedChunkedBody_is413() {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .sslContext(TlsContexts.client(callerSvid, TlsContexts.role(Role.NEXUS, TD))).build();
    byte[] body = ("{\"text\":\"" + "z".repeat(3 * LIMIT) + "\"}").getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + JettyServers.port(server) + "/t/echo"))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(err(response)).isEqualTo("api_too_large");
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void malformedQuery_is400() throws Exception {
    javax.net.ssl.SSLSocketFactory factory = TlsContexts.client(callerSvid, TlsContexts.role(Role.NEXUS, TD)).getSocketFactory();
    try (java.net.Socket socket = factory.createSocket("127.0.0.1", JettyServers.port(server))) {
      socket.getOutputStream().write(("POST /t/echo?action=%zz HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n"
          + "Connection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 400 ");
    }
  }

  /**
   * A body that arrives after its headers, whatever the answer, and then a second request on the
   * same connection: the server reads the rest of a small body before answering and keeps the
   * connection. (Before the fix, a 404 or 400 decided before reading went out as keep-alive and
   * Jetty then dropped the connection, so a pooling client's next request failed with "header
   * parser received no bytes".)
   */
  @Test
  void bodyArrivingAfterHeaders_leavesTheConnectionUsable() throws Exception {
    byte[] body = "{\"text\":\"late\"}".getBytes(StandardCharsets.UTF_8);
    java.util.Map<String, Integer> expected = new java.util.LinkedHashMap<>();
    expected.put("/t/echo?action=sealed-ok", 200);
    expected.put("/t/echo", 503);
    expected.put("/t/nowhere", 404);
    expected.put("/t/echo?action=nope", 400);
    expected.put("/t/echo?action=%zz", 400);
    for (var entry : expected.entrySet()) {
      try (RawHttpsConnection connection = new RawHttpsConnection(
          TlsContexts.client(callerSvid, TlsContexts.role(Role.NEXUS, TD)), JettyServers.port(server))) {
        connection.postHeaders(entry.getKey(), body.length);
        Thread.sleep(200);
        connection.write(body);
        RawHttpsConnection.Response first = connection.read();
        assertThat(first.status()).as(entry.getKey()).isEqualTo(entry.getValue());
        assertThat(first.headers().get("connection")).as(entry.getKey()).isNull();
        assertThat(connection.post("/t/echo?action=sealed-ok", body).status()).as(entry.getKey() + " then reuse")
            .isEqualTo(200);
      }
    }
  }

  /** Seeded: the undecoded fast path reads the same action as Jetty's parser, for every shape of query. */
  @Test
  void action_fastPath_agreesWithJettysParser() {
    java.util.Random random = new java.util.Random(11_22L);
    String[] pieces = {"action", "act", "=", "&", "get", "x", "", "-", "ion", "action="};
    for (int i = 0; i < 20_000; i++) {
      StringBuilder query = new StringBuilder();
      for (int p = random.nextInt(6); p >= 0; p--) {
        query.append(pieces[random.nextInt(pieces.length)]);
      }
      org.eclipse.jetty.util.Fields fields = new org.eclipse.jetty.util.Fields(true);
      org.eclipse.jetty.util.UrlEncoded.decodeUtf8To(query.toString(), fields);
      String jetty = fields.getValue("action");
      assertThat(ApiHandler.action(query.toString())).as(query.toString()).isEqualTo(jetty == null ? "" : jetty);
    }
    assertThat(ApiHandler.action("action=a%20b")).isEqualTo("a b");
    assertThat(ApiHandler.action("action=a+b")).isEqualTo("a b");
    assertThat(ApiHandler.action("action=%zz")).isNull();
    assertThat(ApiHandler.action(null)).isEmpty();
  }

  /** A body too large to drain is not read: the answer says {@code Connection: close}. */
  @Test
  void unreadBodyTooLargeToDrain_closesTheConnection() throws Exception {
    try (RawHttpsConnection connection = new RawHttpsConnection(
        TlsContexts.client(callerSvid, TlsContexts.role(Role.NEXUS, TD)), JettyServers.port(server))) {
      connection.postHeaders("/t/nowhere", 1024 * 1024);
      RawHttpsConnection.Response answer = connection.read();
      assertThat(answer.status()).isEqualTo(404);
      assertThat(answer.headers().get("connection")).isEqualTo("close");
    }
  }

  @Test
  void bodyAtLimit_isAccepted() {
    unsealed(() -> {
      String text = "y".repeat(LIMIT - "{\"text\":\"\"}".length());
      assertThat(post("/t/echo", "{\"text\":\"" + text + "\"}").statusCode()).isEqualTo(200);
    });
  }

  @Test
  void sealed_dataRoute_is503_butSealedRouteServes() {
    HttpResponse<String> response = post("/t/echo", "{\"text\":\"hi\"}");
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(err(response)).isEqualTo("state_not_ready");
    assertThat(post("/t/echo?action=sealed-ok", "{\"text\":\"hi\"}").statusCode()).isEqualTo(200);
  }

  @Test
  void malformedJson_is400() {
    unsealed(() -> {
      for (String bad : new String[] {"{", "not json", "{\"text\":\"a\"} trailing", "[1,2]", "{\"text\":{}}"}) {
        HttpResponse<String> response = post("/t/echo", bad);
        assertThat(response.statusCode()).as(bad).isEqualTo(400);
        assertThat(err(response)).isEqualTo("api_bad_request");
      }
    });
  }

  @Test
  void emptyBody_countsAsEmptyObject() {
    assertThat(post("/t/echo?action=sealed-ok", "").body()).isEqualTo("{}");
  }

  @Test
  void guardRefusal_is401() {
    unsealed(() -> {
      int before = echoCalls.get();
      HttpResponse<String> response = send(deniedSvid, "POST", "/t/echo", "{\"text\":\"hi\"}");
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(err(response)).isEqualTo("access_unauthorized");
      assertThat(echoCalls.get()).isEqualTo(before);
    });
  }

  @Test
  void unexpectedException_is500_withoutItsMessage() {
    unsealed(() -> {
      HttpResponse<String> response = post("/t/boom", "{\"text\":\"s3cr3t\"}");
      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(response.body()).isEqualTo("{\"err\":\"api_internal_error\"}");
    });
  }

  @Test
  void tamperedRecord_is500_withGenericMessage() {
    unsealed(() -> {
      HttpResponse<String> response = post("/t/tampered", "{}");
      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(err(response)).isEqualTo("api_internal_error");
      assertThat(response.body()).doesNotContain("secret|x|1");
    });
  }

  @Test
  void sensitiveReply_isEncoded_thenWiped() {
    int before = wipes.get();

    HttpResponse<String> response = send(callerSvid, "POST", "/t/sensitive", "{\"text\":\"shh\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"text\":\"shh\"}");
    assertThat(wipes.get()).isEqualTo(before + 1);
    assertThat(new SensitiveReply(new Echo("shh"), () -> { }).toString()).isEqualTo("SensitiveReply[redacted]");
  }

  private static HttpResponse<byte[]> postBytes(SvidSource as, String pathAndQuery, HttpRequest.BodyPublisher body)
      throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .sslContext(TlsContexts.client(as, TlsContexts.role(Role.NEXUS, TD))).build();
    return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + JettyServers.port(server) + pathAndQuery))
        .POST(body).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void streamedReply_isWrittenAsIs_withItsTypeAndFileName() throws Exception {
    HttpResponse<byte[]> response = postBytes(callerSvid, "/t/stream", HttpRequest.BodyPublishers.ofString("{}"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).hasSize(STREAMED).containsOnly((byte) 'x');
    assertThat(response.headers().firstValue("Content-Type")).contains("application/octet-stream");
    assertThat(response.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"data-1.bin\"");
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
  }

  @Test
  void streamedReply_failingBeforeAnythingLeft_isAnErrorLikeAnyOther() {
    HttpResponse<String> response = post("/t/stream?action=fail-early", "{}");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).isEqualTo("{\"err\":\"api_internal_error\"}");
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.headers().firstValue("Content-Disposition")).isEmpty();
  }

  @Test
  void streamedReply_failingMidBody_isAborted_neverLooksComplete() {
    assertThatThrownBy(() -> postBytes(callerSvid, "/t/stream?action=fail-late", HttpRequest.BodyPublishers.ofString("{}")))
        .isInstanceOf(IOException.class);
  }

  @Test
  void streamedReply_invalidFileName_isRefused() {
    assertThatThrownBy(() -> new StreamedReply("application/octet-stream", "a\"; x=\"y", out -> { }))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void upload_isReceivedIntoAPrivateTempFile_deletedAfterTheRoute() throws Exception {
    unsealed(() -> {
      try {
        byte[] body = new byte[LIMIT * 4];
        new SecureRandom().nextBytes(body);
        HttpResponse<byte[]> response = postBytes(callerSvid, "/t/upload", HttpRequest.BodyPublishers.ofByteArray(body));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
            .isEqualTo("{\"text\":\"" + body.length + " rw-------\"}");
        assertThat(lastUpload.get()).doesNotExist();
      } catch (IOException | InterruptedException e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void upload_overItsLimit_is413_andLeavesNoFile() throws Exception {
    unsealed(() -> {
      try {
        lastUpload.set(null);
        HttpResponse<byte[]> declared = postBytes(callerSvid, "/t/upload",
            HttpRequest.BodyPublishers.ofByteArray(new byte[(int) UPLOAD_LIMIT + 1]));
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(lastUpload.get()).isNull();

        byte[] big = new byte[(int) UPLOAD_LIMIT * 2];
        HttpResponse<byte[]> streamed = postBytes(callerSvid, "/t/upload",
            HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)));
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(new String(streamed.body(), StandardCharsets.UTF_8)).contains("api_too_large");
      } catch (IOException | InterruptedException e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void upload_isNotReadAtAll_whenTheGuardRefuses_orSealed() throws Exception {
    int before = uploadCalls.get();
    HttpResponse<byte[]> sealedAnswer = postBytes(callerSvid, "/t/upload", HttpRequest.BodyPublishers.ofByteArray(new byte[100]));
    assertThat(sealedAnswer.statusCode()).isEqualTo(503);
    unsealed(() -> {
      try {
        HttpResponse<byte[]> denied = postBytes(deniedSvid, "/t/upload", HttpRequest.BodyPublishers.ofByteArray(new byte[100]));
        assertThat(denied.statusCode()).isEqualTo(401);
      } catch (IOException | InterruptedException e) {
        throw new AssertionError(e);
      }
    });
    assertThat(uploadCalls.get()).isEqualTo(before);
  }

  @Test
  void upload_jsonLimitDoesNotApply() throws Exception {
    unsealed(() -> {
      try {
        HttpResponse<byte[]> response = postBytes(callerSvid, "/t/upload",
            HttpRequest.BodyPublishers.ofByteArray(new byte[LIMIT * 10]));
        assertThat(response.statusCode()).isEqualTo(200);
      } catch (IOException | InterruptedException e) {
        throw new AssertionError(e);
      }
    });
  }

  /** A server of the same routes whose audit log is {@code audit}; its meters in {@code meters}. */
  private static Server auditedServer(io.spike.nexus.audit.AuditLog audit,
      io.micrometer.core.instrument.MeterRegistry meters) throws Exception {
    RouteTable table = RouteTable.builder()
        .add("/t/echo", "", route(false, echo -> echo))
        .add("/t/stream", "", route(true, echo -> streamed(100, false)))
        .build();
    Server audited = JettyServers.tls("127.0.0.1", 0, TlsContexts.server(serverSvid),
        new ApiHandler(table, barrier, LIMIT, audit, meters));
    audited.start();
    return audited;
  }

  private static HttpResponse<String> sendTo(Server to, SvidSource as, String pathAndQuery, String body) {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .sslContext(TlsContexts.client(as, TlsContexts.role(Role.NEXUS, TD))).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + JettyServers.port(to) + pathAndQuery))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void audit_oneEventPerAuthorizedRequest_withDecisionAndStatus_andTimerByRoute() throws Exception {
    java.util.List<io.spike.nexus.audit.AuditEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    io.spike.nexus.audit.AuditLog recording = new io.spike.nexus.audit.AuditLog() {
      @Override
      public void record(io.spike.nexus.audit.AuditEvent event) {
        events.add(event);
      }

      @Override
      public java.util.Optional<io.spike.api.wire.StatusResponse.Audit> head() {
        return java.util.Optional.empty();
      }

      @Override
      public void close() {}
    };
    var meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    barrier.unseal(RootKey.generate(new SecureRandom()), Keyring.create(new SecureRandom()));
    Server audited = auditedServer(recording, meters);
    try {
      assertThat(sendTo(audited, callerSvid, "/t/echo", "{\"text\":\"hello\"}").statusCode()).isEqualTo(200);
      assertThat(sendTo(audited, deniedSvid, "/t/echo", "{}").statusCode()).isEqualTo(401);
      assertThat(sendTo(audited, callerSvid, "/t/stream", "{}").statusCode()).isEqualTo(200);
      assertThat(sendTo(audited, callerSvid, "/t/nope", "{}").statusCode()).isEqualTo(404);

      assertThat(events).extracting(io.spike.nexus.audit.AuditEvent::decision).containsExactly("allow", "deny", "allow");
      assertThat(events).extracting(io.spike.nexus.audit.AuditEvent::status).containsExactly(200, 401, 200);
      assertThat(events.get(1).caller()).isEqualTo("spiffe://spike.ist/denied");
      assertThat(meters.get("spike.http.server.requests").tags("route", "/t/echo", "status", "401").timer().count())
          .isEqualTo(1);
      assertThat(meters.get("spike.http.server.requests").tags("route", "unknown", "status", "404").timer().count())
          .isEqualTo(1);
    } finally {
      audited.stop();
      barrier.seal();
    }
  }

  @Test
  void audit_unwritable_refusesWith500_countsFailure_andServesNothing() throws Exception {
    io.spike.nexus.audit.AuditLog failing = new io.spike.nexus.audit.AuditLog() {
      @Override
      public void record(io.spike.nexus.audit.AuditEvent event) {
        throw new io.spike.nexus.audit.AuditException("disk full", new IOException("No space left on device"));
      }

      @Override
      public java.util.Optional<io.spike.api.wire.StatusResponse.Audit> head() {
        return java.util.Optional.empty();
      }

      @Override
      public void close() {}
    };
    var meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    barrier.unseal(RootKey.generate(new SecureRandom()), Keyring.create(new SecureRandom()));
    Server audited = auditedServer(failing, meters);
    try {
      HttpResponse<String> echo = sendTo(audited, callerSvid, "/t/echo", "{\"text\":\"the-secret\"}");
      HttpResponse<String> stream = sendTo(audited, callerSvid, "/t/stream", "{}");

      assertThat(echo.statusCode()).isEqualTo(500);
      assertThat(echo.body()).contains("api_internal_error").doesNotContain("the-secret");
      assertThat(stream.statusCode()).isEqualTo(500);
      assertThat(stream.body()).doesNotContain("xxxx");
      assertThat(meters.get("spike.audit.failures").counter().count()).isEqualTo(2.0);
    } finally {
      audited.stop();
      barrier.seal();
    }
  }
}
