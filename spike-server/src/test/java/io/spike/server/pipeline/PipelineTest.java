package io.spike.server.pipeline;

import static io.spike.server.pipeline.TestServer.err;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.api.ErrorCode;
import io.spike.identity.SpiffeId;
import io.spike.identity.SvidSource;
import io.spike.server.RawHttpsConnection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline, on a real mTLS Jetty server with test routes, a test audit trail and
 * observer.
 */
class PipelineTest {
  private static final int LIMIT = 4096;
  private static final long UPLOAD_LIMIT = 64 * 1024;
  private static final int STREAMED = 1024 * 1024;

  @TempDir static Path dir;
  private static TestServer server;
  private static SvidSource caller;
  private static SvidSource denied;
  private static final AtomicBoolean sealed = new AtomicBoolean(true);
  private static final AtomicInteger routeCalls = new AtomicInteger();
  private static final AtomicInteger uploadCalls = new AtomicInteger();
  private static final AtomicInteger wipes = new AtomicInteger();
  private static final AtomicReference<Path> lastUpload = new AtomicReference<>();
  private static final RecordingTrail trail = new RecordingTrail();
  private static final RecordingObserver observer = new RecordingObserver();

  /** The request and response of the test routes; it names a subject like a secret path. */
  record Echo(String text) implements io.spike.api.wire.Subject {
    @Override
    public String subject() {
      return text;
    }
  }

  /** A domain's own refusal, which the test server's {@link FailureMapping} turns into 409. */
  static final class Busy extends RuntimeException {
    Busy() {
      super("busy", null, false, false);
    }
  }

  /** Records audit lines; fails the request line or the outcome line when told to. */
  static final class RecordingTrail implements AuditTrail {
    final List<String> lines = new CopyOnWriteArrayList<>();
    volatile boolean failRequests;
    volatile boolean failOutcomes;

    /** {@code caller route?action subject}: what both lines start with. */
    private static String who(AuditRecord record) {
      return record.caller().path()
          + " "
          + record.route()
          + "?"
          + record.action()
          + " "
          + record.subject().orElse("-");
    }

    @Override
    public void request(AuditRecord record) {
      if (failRequests) {
        throw new IllegalStateException("No space left on device");
      }
      lines.add("request " + who(record) + " " + record.requestId());
    }

    @Override
    public void outcome(AuditRecord record, Decision decision, int status) {
      if (failOutcomes) {
        throw new IllegalStateException("No space left on device");
      }
      lines.add(
          "outcome "
              + who(record)
              + " "
              + decision.wire()
              + " "
              + status
              + " "
              + record.requestId());
    }
  }

  static final class RecordingObserver implements PipelineObserver {
    final List<String> answered = new CopyOnWriteArrayList<>();
    final AtomicInteger auditFailures = new AtomicInteger();

    @Override
    public void answered(String route, String action, int status, long nanos) {
      answered.add(route + "?" + action + " " + status);
    }

    @Override
    public void auditFailed() {
      auditFailures.incrementAndGet();
    }
  }

  private static Route<Echo> route(boolean whileSealed, Function<Echo, Reply> work) {
    return counted(Echo.class, whileSealed, routeCalls, work);
  }

  /** Receives the upload and answers its length and the temp file's mode. */
  private static Route<Upload> uploadRoute() {
    return counted(
        Upload.class,
        false,
        uploadCalls,
        upload -> {
          Path file = upload.receive(UPLOAD_LIMIT);
          lastUpload.set(file);
          try {
            return Reply.json(
                new Echo(
                    Files.size(file)
                        + " "
                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(file))));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** A route that refuses {@code /denied}, counts its calls in {@code calls} and runs work. */
  private static <Q> Route<Q> counted(
      Class<Q> type, boolean whileSealed, AtomicInteger calls, Function<Q, Reply> work) {
    return new Route<>() {
      @Override
      public Class<Q> requestType() {
        return type;
      }

      @Override
      public Guard<Q> guard() {
        return (who, request) -> !who.path().equals("/denied");
      }

      @Override
      public boolean servesWhileSealed() {
        return whileSealed;
      }

      @Override
      public Reply handle(SpiffeId who, Q request) {
        calls.incrementAndGet();
        return work.apply(request);
      }
    };
  }

  private static Reply streamed(int bytes, boolean failAfter) {
    return new Reply.Streamed(
        "application/octet-stream",
        "data-1.bin",
        out -> {
          byte[] chunk = new byte[8192];
          Arrays.fill(chunk, (byte) 'x');
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
    RouteTable table =
        RouteTable.builder()
            .add("/t/echo", "", route(false, Reply::json))
            .add("/t/echo", "sealed-ok", route(true, Reply::json))
            .add(
                "/t/boom",
                "",
                route(
                    false,
                    echo -> {
                      throw new IllegalStateException("boom " + echo.text());
                    }))
            .add(
                "/t/busy",
                "",
                route(
                    false,
                    echo -> {
                      throw new Busy();
                    }))
            .add(
                "/t/limited",
                "",
                route(
                    false,
                    echo -> {
                      throw new ApiRefusal(ErrorCode.RATE_LIMITED, "slow down");
                    }))
            .add(
                "/t/sensitive",
                "",
                route(true, echo -> Reply.sensitive(echo, wipes::incrementAndGet)))
            .add("/t/stream", "", route(true, echo -> streamed(STREAMED, false)))
            .add("/t/stream", "fail-early", route(true, echo -> streamed(100, true)))
            .add("/t/stream", "fail-late", route(true, echo -> streamed(STREAMED, true)))
            .add("/t/upload", "", uploadRoute())
            .build();
    FailureMapping mapping =
        (failure, where) ->
            failure instanceof Busy
                ? Optional.of(
                    Failure.of(ErrorCode.CONFLICT, "busy; try again")
                        .retryAfter(Duration.ofSeconds(3)))
                : Optional.empty();
    Pipeline pipeline =
        Pipeline.builder(table, LIMIT)
            .sealed(sealed::get, "sealed; waiting for the key")
            .audit(trail)
            .failures(mapping)
            .observer(observer)
            .build();
    server = new TestServer(dir, pipeline);
    caller = server.svid("/apps/caller");
    denied = server.svid("/denied");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @BeforeEach
  void reset() {
    sealed.set(false);
    trail.failRequests = false;
    trail.failOutcomes = false;
    trail.lines.clear();
    observer.answered.clear();
  }

  private static HttpResponse<String> post(String pathAndQuery, String body) {
    return server.post(caller, pathAndQuery, body);
  }

  @Test
  void post_echoes_withJsonAndNoStore() {
    HttpResponse<String> response = post("/t/echo", "{\"text\":\"hi\"}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"text\":\"hi\"}");
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
  }

  @Test
  void get_is405WithBadRequestCode() {
    HttpResponse<String> response = server.send(caller, "GET", "/t/echo", null);
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
  void unknownAction_is400_andIsNeverEchoed() {
    HttpResponse<String> response = post("/t/echo?action=%3Cscript%3Efrobnicate", "{}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(err(response)).isEqualTo("api_bad_request");
    assertThat(response.body()).doesNotContain("frobnicate").doesNotContain("script");
  }

  @Test
  void oversizedBody_is413_beforeAnythingElse() {
    int before = routeCalls.get();
    HttpResponse<String> response = post("/t/echo", "{\"text\":\"" + "x".repeat(LIMIT) + "\"}");
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(err(response)).isEqualTo("api_too_large");
    assertThat(routeCalls.get()).isEqualTo(before);
  }

  @Test
  void oversizedChunkedBody_is413() throws Exception {
    byte[] body = ("{\"text\":\"" + "z".repeat(3 * LIMIT) + "\"}").getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> response =
        server.postBytes(
            caller,
            "/t/echo",
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("api_too_large");
  }

  @Test
  void malformedQuery_is400() throws Exception {
    try (Socket socket =
        server.client(caller).getSocketFactory().createSocket("127.0.0.1", server.port())) {
      socket
          .getOutputStream()
          .write(
              ("POST /t/echo?action=%zz HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n"
                      + "Connection: close\r\n\r\n{}")
                  .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 400 ").doesNotContain("%zz");
    }
  }

  /**
   * A body that arrives after its headers, whatever the answer, and then a second request on the
   * same connection: the pipeline reads the rest of a small body before answering and keeps the
   * connection.
   */
  @Test
  void bodyArrivingAfterHeaders_leavesTheConnectionUsable() throws Exception {
    sealed.set(true);
    byte[] body = "{\"text\":\"late\"}".getBytes(StandardCharsets.UTF_8);
    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put("/t/echo?action=sealed-ok", 200);
    expected.put("/t/echo", 503);
    expected.put("/t/nowhere", 404);
    expected.put("/t/echo?action=nope", 400);
    expected.put("/t/echo?action=%zz", 400);
    for (var entry : expected.entrySet()) {
      try (RawHttpsConnection connection =
          new RawHttpsConnection(server.client(caller), server.port())) {
        connection.postHeaders(entry.getKey(), body.length);
        Thread.sleep(200);
        connection.write(body);
        RawHttpsConnection.Response first = connection.read();
        assertThat(first.status()).as(entry.getKey()).isEqualTo(entry.getValue());
        assertThat(first.headers().get("connection")).as(entry.getKey()).isNull();
        assertThat(connection.post("/t/echo?action=sealed-ok", body).status())
            .as(entry.getKey() + " then reuse")
            .isEqualTo(200);
      }
    }
  }

  /** A body too large to drain is not read: the answer says {@code Connection: close}. */
  @Test
  void unreadBodyTooLargeToDrain_closesTheConnection() throws Exception {
    try (RawHttpsConnection connection =
        new RawHttpsConnection(server.client(caller), server.port())) {
      connection.postHeaders("/t/nowhere", 1024 * 1024);
      RawHttpsConnection.Response answer = connection.read();
      assertThat(answer.status()).isEqualTo(404);
      assertThat(answer.headers().get("connection")).isEqualTo("close");
    }
  }

  @Test
  void bodyAtLimit_isAccepted() {
    String text = "y".repeat(LIMIT - "{\"text\":\"\"}".length());
    assertThat(post("/t/echo", "{\"text\":\"" + text + "\"}").statusCode()).isEqualTo(200);
  }

  @Test
  void sealed_dataRoute_is503_butSealedRouteServes() {
    sealed.set(true);
    HttpResponse<String> response = post("/t/echo", "{\"text\":\"hi\"}");
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(err(response)).isEqualTo("state_not_ready");
    assertThat(response.body()).contains("sealed; waiting for the key");
    assertThat(post("/t/echo?action=sealed-ok", "{\"text\":\"hi\"}").statusCode()).isEqualTo(200);
  }

  @Test
  void malformedJson_is400() {
    for (String bad :
        new String[] {"{", "not json", "{\"text\":\"a\"} trailing", "[1,2]", "{\"text\":{}}"}) {
      HttpResponse<String> response = post("/t/echo", bad);
      assertThat(response.statusCode()).as(bad).isEqualTo(400);
      assertThat(err(response)).isEqualTo("api_bad_request");
    }
  }

  @Test
  void emptyBody_countsAsEmptyObject() {
    assertThat(post("/t/echo?action=sealed-ok", "").body()).isEqualTo("{}");
  }

  @Test
  void guardRefusal_is401_andTheRouteNeverRuns() {
    int before = routeCalls.get();
    HttpResponse<String> response = server.post(denied, "/t/echo", "{\"text\":\"hi\"}");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(err(response)).isEqualTo("access_unauthorized");
    assertThat(routeCalls.get()).isEqualTo(before);
  }

  @Test
  void unexpectedException_is500_withoutItsMessage() {
    HttpResponse<String> response = post("/t/boom", "{\"text\":\"s3cr3t\"}");
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).isEqualTo("{\"err\":\"api_internal_error\"}");
  }

  @Test
  void domainFailure_goesThroughTheServersMapping_withRetryAfter() {
    HttpResponse<String> response = post("/t/busy", "{\"text\":\"x\"}");
    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(err(response)).isEqualTo("state_conflict");
    assertThat(response.headers().firstValue("Retry-After")).contains("3");
  }

  @Test
  void sensitiveReply_isEncoded_thenWiped() {
    int before = wipes.get();
    HttpResponse<String> response = post("/t/sensitive", "{\"text\":\"shh\"}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"text\":\"shh\"}");
    assertThat(wipes.get()).isEqualTo(before + 1);
  }

  @Test
  void streamedReply_isWrittenAsIs_withItsTypeAndFileName() throws Exception {
    HttpResponse<byte[]> response =
        server.postBytes(caller, "/t/stream", HttpRequest.BodyPublishers.ofString("{}"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).hasSize(STREAMED).containsOnly((byte) 'x');
    assertThat(response.headers().firstValue("Content-Type")).contains("application/octet-stream");
    assertThat(response.headers().firstValue("Content-Disposition"))
        .contains("attachment; filename=\"data-1.bin\"");
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
    assertThatThrownBy(
            () ->
                server.postBytes(
                    caller,
                    "/t/stream?action=fail-late",
                    HttpRequest.BodyPublishers.ofString("{}")))
        .isInstanceOf(IOException.class);
  }

  @Test
  void upload_isReceivedIntoAPrivateTempFile_deletedAfterTheRoute() throws Exception {
    byte[] body = new byte[LIMIT * 4];
    new SecureRandom().nextBytes(body);
    HttpResponse<byte[]> response =
        server.postBytes(caller, "/t/upload", HttpRequest.BodyPublishers.ofByteArray(body));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new String(response.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"text\":\"" + body.length + " rw-------\"}");
    assertThat(lastUpload.get()).doesNotExist();
  }

  @Test
  void upload_overItsLimit_is413_andLeavesNoFile() throws Exception {
    lastUpload.set(null);
    HttpResponse<byte[]> declared =
        server.postBytes(
            caller,
            "/t/upload",
            HttpRequest.BodyPublishers.ofByteArray(new byte[(int) UPLOAD_LIMIT + 1]));
    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(lastUpload.get()).isNull();

    byte[] big = new byte[(int) UPLOAD_LIMIT * 2];
    HttpResponse<byte[]> streamed =
        server.postBytes(
            caller,
            "/t/upload",
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
    assertThat(streamed.statusCode()).isEqualTo(413);
    assertThat(new String(streamed.body(), StandardCharsets.UTF_8)).contains("api_too_large");
  }

  @Test
  void upload_isNotReadAtAll_whenTheGuardRefuses_orSealed() throws Exception {
    int before = uploadCalls.get();
    sealed.set(true);
    assertThat(
            server
                .postBytes(
                    caller, "/t/upload", HttpRequest.BodyPublishers.ofByteArray(new byte[100]))
                .statusCode())
        .isEqualTo(503);
    sealed.set(false);
    assertThat(
            server
                .postBytes(
                    denied, "/t/upload", HttpRequest.BodyPublishers.ofByteArray(new byte[100]))
                .statusCode())
        .isEqualTo(401);
    assertThat(uploadCalls.get()).isEqualTo(before);
  }

  @Test
  void upload_jsonLimitDoesNotApply() throws Exception {
    assertThat(
            server
                .postBytes(
                    caller,
                    "/t/upload",
                    HttpRequest.BodyPublishers.ofByteArray(new byte[LIMIT * 10]))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void audit_requestLineBeforeTheRoute_outcomeAfter_refusalsOnlyAnOutcome() {
    assertThat(post("/t/echo", "{\"text\":\"apps/web/db\"}").statusCode()).isEqualTo(200);
    assertThat(server.post(denied, "/t/echo", "{\"text\":\"apps/web/db\"}").statusCode())
        .isEqualTo(401);
    assertThat(post("/t/limited", "{\"text\":\"x\"}").statusCode()).isEqualTo(429);
    assertThat(post("/t/nope", "{}").statusCode()).isEqualTo(404);

    List<String> lines = trail.lines;
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).startsWith("request /apps/caller /t/echo? apps/web/db ");
    assertThat(lines.get(1)).startsWith("outcome /apps/caller /t/echo? apps/web/db allow 200 ");
    assertThat(lines.get(0).substring(lines.get(0).lastIndexOf(' ')))
        .isEqualTo(lines.get(1).substring(lines.get(1).lastIndexOf(' ')));
    assertThat(lines.get(2)).startsWith("outcome /denied /t/echo? apps/web/db deny 401 ");
    assertThat(lines.get(3)).startsWith("request /apps/caller /t/limited? x ");
    assertThat(lines.get(4))
        .as("a 429 is a deny")
        .startsWith("outcome /apps/caller /t/limited? x deny 429 ");
    assertThat(observer.answered).contains("/t/echo? 200", "/t/echo? 401", "unknown?unknown 404");
  }

  @Test
  void audit_pathIsRecordedInFull() {
    String longPath = "apps/" + "p".repeat(900) + "/a";
    assertThat(post("/t/echo", "{\"text\":\"" + longPath + "\"}").statusCode()).isEqualTo(200);
    assertThat(trail.lines.get(0)).contains(" " + longPath + " ");
  }

  @Test
  void audit_requestLineUnwritable_routeNeverRuns_500AuditUnavailable_counted() {
    trail.failRequests = true;
    int calls = routeCalls.get();
    int failures = observer.auditFailures.get();

    HttpResponse<String> echo = post("/t/echo", "{\"text\":\"the-secret\"}");
    HttpResponse<String> stream = post("/t/stream", "{}");
    int sensitiveWipes = wipes.get();
    HttpResponse<String> sensitive = post("/t/sensitive", "{\"text\":\"shard\"}");

    assertThat(echo.statusCode()).isEqualTo(500);
    assertThat(err(echo)).isEqualTo("audit_unavailable");
    assertThat(echo.body()).doesNotContain("the-secret");
    assertThat(stream.statusCode()).isEqualTo(500);
    assertThat(stream.body()).doesNotContain("xxxx");
    assertThat(sensitive.body()).doesNotContain("shard");
    assertThat(wipes.get()).isEqualTo(sensitiveWipes);
    assertThat(routeCalls.get()).as("no route ran").isEqualTo(calls);
    assertThat(observer.auditFailures.get()).isEqualTo(failures + 3);
    assertThat(trail.lines).isEmpty();
  }

  @Test
  void audit_outcomeLineUnwritable_answerIs500_neverTheRoutesBody() {
    trail.failOutcomes = true;
    HttpResponse<String> echo = post("/t/echo", "{\"text\":\"the-secret\"}");
    HttpResponse<String> stream = post("/t/stream", "{}");

    assertThat(echo.statusCode()).isEqualTo(500);
    assertThat(err(echo)).isEqualTo("audit_unavailable");
    assertThat(echo.body()).doesNotContain("the-secret");
    assertThat(stream.statusCode()).isEqualTo(500);
    assertThat(stream.body()).doesNotContain("xxxx");
  }
}
