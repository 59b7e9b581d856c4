package io.spike.pilot.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.spike.api.Json;
import io.spike.api.KeeperClient;
import io.spike.api.NexusClient;
import io.spike.api.Routes;
import io.spike.api.SpikeHttp;
import io.spike.api.wire.SnapshotVerifyResponse;
import io.spike.pilot.cli.NexusConnector;
import io.spike.pilot.cli.NexusSession;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * A fake Nexus or keeper over plain HTTP on loopback: answers each {@code path?action} with what a
 * test set, and records every request. The real clients ({@link SpikeHttp}) talk to it through an
 * {@code http://} URL.
 */
public final class FakeServer implements AutoCloseable {
  /** One recorded request. */
  public record Request(String path, String action, String body) {}

  /** One answer: status and JSON body. */
  public record Answer(int status, String body) {}

  /** What one CLI run said, and the requests the server saw while it ran. */
  public record Exchange(Cli.Result result, List<Request> requests) {
    /** The body of the one request the run sent; fails if it sent none or more. */
    public String sentBody() {
      if (requests.size() != 1) {
        throw new AssertionError("expected one request, saw " + requests.size());
      }
      return requests.get(0).body();
    }
  }

  public static final String CALLER = "spiffe://spike.ist/test/caller";

  private final HttpServer server;
  private final Map<String, Function<String, Answer>> routes = new ConcurrentHashMap<>();
  private final Map<String, byte[]> rawRoutes = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  public FakeServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Runs the CLI with {@code args} against a fresh server that answers {@code path} with {@code
   * action} ("" for none) by {@code status} and {@code body}, then stops the server.
   */
  public static Exchange exchange(
      String path, String action, int status, String body, String... args) throws IOException {
    return exchange(path, action, status, body, Map.of(), args);
  }

  /** As {@link #exchange(String, String, int, String, String...)}, with {@code env} set. */
  public static Exchange exchange(
      String path, String action, int status, String body, Map<String, String> env, String... args)
      throws IOException {
    try (FakeServer nexus = new FakeServer().on(path, action, status, body)) {
      Cli.Result result = Cli.run(nexus.connector(), env, new byte[0], args);
      return new Exchange(result, nexus.requests());
    }
  }

  /**
   * A server that answers a snapshot upload for verification with {@code status} and {@code body}.
   */
  public static FakeServer verifying(int status, String body) throws IOException {
    return new FakeServer().on(Routes.OPERATOR_SNAPSHOT, Routes.ACTION_VERIFY, status, body);
  }

  /** A server that answers a snapshot upload for verification with {@code answer}. */
  public static FakeServer verifying(SnapshotVerifyResponse answer) throws IOException {
    return verifying(200, json(answer));
  }

  /**
   * A server that answers a snapshot upload for verification with {@code ok}, {@code signed} and
   * {@code problems}, counting the records of a {@link SnapshotFixture} snapshot (2 secrets, 3
   * versions, 1 policy).
   */
  public static FakeServer verifying(boolean ok, boolean signed, String... problems)
      throws IOException {
    return verifying(new SnapshotVerifyResponse(ok, signed, 2, 3, 1, List.of(problems)));
  }

  /** Answers {@code path} with {@code action} ("" for none) by {@code answer}. */
  public FakeServer on(String path, String action, int status, String body) {
    return on(path, action, request -> new Answer(status, body));
  }

  /**
   * Answers successive calls of {@code path} with {@code action} by {@code answers} in turn; once
   * they run out, by the last one again.
   */
  public FakeServer inTurn(String path, String action, Answer... answers) {
    List<Answer> turns = List.of(answers);
    AtomicInteger calls = new AtomicInteger();
    return on(path, action, body -> turns.get(Math.min(calls.getAndIncrement(), turns.size() - 1)));
  }

  public FakeServer on(String path, String action, Function<String, Answer> answer) {
    routes.put(path + "?" + action, answer);
    return this;
  }

  /**
   * Answers {@code path} with {@code action} by 200 and these raw bytes (e.g. a snapshot stream).
   */
  public FakeServer onBytes(String path, String action, byte[] body) {
    rawRoutes.put(path + "?" + action, body.clone());
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public SpikeHttp http() {
    try {
      return new SpikeHttp(
          uri(), SSLContext.getDefault(), Duration.ofSeconds(2), Duration.ofSeconds(5));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public NexusClient nexus() {
    return new NexusClient(http());
  }

  public KeeperClient keeper() {
    return new KeeperClient(http());
  }

  /** A connector handing out sessions with this server as Nexus and {@link #CALLER} as us. */
  public NexusConnector connector() {
    return () -> new NexusSession(nexus(), CALLER, URI.create("https://localhost:8553"), () -> {});
  }

  private void handle(HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getQuery();
    String action =
        query != null && query.startsWith("action=") ? query.substring("action=".length()) : "";
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = exchange.getRequestURI().getPath();
    requests.add(new Request(path, action, body));
    byte[] raw = rawRoutes.get(path + "?" + action);
    if (raw != null) {
      exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
      exchange.sendResponseHeaders(200, raw.length == 0 ? -1 : raw.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(raw);
      }
      return;
    }
    Function<String, Answer> route = routes.get(path + "?" + action);
    Answer answer =
        route == null ? new Answer(400, "{\"err\":\"api_bad_request\"}") : route.apply(body);
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** The JSON of {@code value}, as a server would send it. */
  public static String json(Object value) {
    return new String(Json.encode(value), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
