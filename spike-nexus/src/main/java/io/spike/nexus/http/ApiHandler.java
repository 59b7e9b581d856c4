package io.spike.nexus.http;

import io.spike.api.ErrorCode;
import io.spike.api.Json;
import io.spike.crypto.SecretBytes;
import io.spike.identity.PeerIdentity;
import io.spike.identity.SpiffeId;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.barrier.SealedException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spike.nexus.audit.AuditEvent;
import io.spike.nexus.audit.AuditLog;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.UrlEncoded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every API request goes through this one pipeline, in this order:
 * <ol>
 *   <li>method must be POST (405 {@code api_bad_request});</li>
 *   <li>path known (404) and {@code ?action=} known for it (400);</li>
 *   <li>JSON routes: body at most the configured size (413 {@code api_too_large}, without
 *       buffering the excess);</li>
 *   <li>caller's SPIFFE ID from the TLS client certificate (401);</li>
 *   <li>barrier: while sealed only routes that serve sealed answer (503 {@code state_not_ready});</li>
 *   <li>JSON routes: decode into the route's request type (400; an empty body counts as {@code {}});
 *       upload routes ({@link Upload}): nothing is read yet;</li>
 *   <li>the route's guard (401 {@code access_unauthorized});</li>
 *   <li>the route; its result is the JSON response, with {@code Cache-Control: no-store}
 *       (a {@link SensitiveReply} is wiped right after encoding), or a {@link StreamedReply}
 *       written straight to the response. An upload's temporary file is deleted when the route
 *       returns.</li>
 * </ol>
 * Once the caller is known and the route found (the request "reached authorization"), one line
 * goes to the {@link AuditLog} after the route has answered and before anything is sent; if it
 * cannot be written the request gets 500 {@code api_internal_error} instead and
 * {@code spike_audit_failures_total} counts it (fail closed). The line's decision is
 * {@code allow} when the guard let the request through and the route did not refuse it (401/403),
 * else {@code deny}; a streamed reply is recorded as 200 before its first byte.
 * Before answering, whatever is left of the request body is read and dropped (up to the drain
 * limit; beyond it the answer says {@code Connection: close}), so that an answer decided before
 * the body was read (404, 400, 401, 503) leaves a keep-alive connection usable.
 * Failures anywhere go through {@link ErrorMapping}; a streamed response that fails after its
 * first bytes have left is aborted instead. Every request is timed in
 * {@code spike_http_server_requests_seconds} by route, action and status. Each request is logged at DEBUG with route, action,
 * caller and status only; bodies are never logged, and JSON body buffers are zeroed after use.
 */
public final class ApiHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
  private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);
  /** Failures of a streamed reply before this many bytes are still answered with an error. */
  private static final int STREAM_BUFFER = 64 * 1024;
  private static final String UNKNOWN = "unknown";
  /** Request components that name what a request is about (never a value). */
  private static final List<String> SUBJECT_FIELDS = List.of("path", "name", "id");

  private final RouteTable routes;
  private final Barrier barrier;
  private final BodyReader bodies;

  private final AuditLog audit;
  private final MeterRegistry meters;
  private final Counter auditFailures;
  /** Registered timers by route, action and status: a registry lookup per request was 5% of a get. */
  private final java.util.concurrent.ConcurrentMap<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

  /** A handler without audit log or metrics (tests). */
  public ApiHandler(RouteTable routes, Barrier barrier, int maxRequestBytes) {
    this(routes, barrier, maxRequestBytes, AuditLog.disabled(), new SimpleMeterRegistry());
  }

  /**
   * @param audit where each request that reached authorization is recorded before its response
   * @param meters gets {@code spike_http_server_requests_seconds} and {@code spike_audit_failures_total}
   */
  public ApiHandler(RouteTable routes, Barrier barrier, int maxRequestBytes, AuditLog audit, MeterRegistry meters) {
    this.routes = routes;
    this.barrier = barrier;
    this.bodies = BodyReader.json(maxRequestBytes);
    this.audit = audit;
    this.meters = meters;
    this.auditFailures = Counter.builder("spike.audit.failures")
        .description("requests refused because their audit line could not be written").register(meters);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long started = System.nanoTime();
    String path = Request.getPathInContext(request);
    String parsed = action(request);
    String action = parsed == null ? "" : parsed;
    Optional<SpiffeId> caller = peer(request);
    Ticket ticket = new Ticket();
    Reply reply = null;
    StreamedReply streamed = null;
    try {
      if (parsed == null) {
        throw ApiError.badRequest("malformed query string");
      }
      Object result = process(request, path, action, caller, ticket);
      if (result instanceof StreamedReply s) {
        streamed = s;
      } else {
        reply = new Reply(200, (byte[]) result);
      }
    } catch (Throwable failure) {
      response.reset();
      reply = ErrorMapping.toReply(failure, printable(path), printable(action));
    }
    int status = streamed != null ? 200 : reply.status();
    if (ticket.caller != null && !record(ticket, path, action, status)) {
      if (reply != null) {
        SecretBytes.wipe(reply.body());
      }
      streamed = null;
      reply = ErrorMapping.auditFailed();
      status = reply.status();
    }
    // A 413 has drained what it will and closes the connection: nothing more to read for it.
    boolean keepAlive = ticket.bodyRead || (status != ErrorCode.TOO_LARGE.status() && bodies.finish(request));
    if (streamed != null) {
      try {
        stream(response, streamed, keepAlive);
      } catch (Throwable failure) {
        if (response.isCommitted()) {
          ErrorMapping.logAborted(failure, printable(path), printable(action));
          time(ticket, action, 200, started);
          callback.failed(failure);
          return true;
        }
        response.reset();
        reply = ErrorMapping.toReply(failure, printable(path), printable(action));
        status = reply.status();
      }
      if (reply == null) {
        logRequest(path, action, caller, 200);
        time(ticket, action, 200, started);
        callback.succeeded();
        return true;
      }
    }
    logRequest(path, action, caller, status);
    time(ticket, action, status, started);
    send(response, reply, keepAlive, callback);
    return true;
  }

  /** Writes the audit line; false (counted, logged) when it cannot be written. */
  private boolean record(Ticket ticket, String path, String action, int status) {
    boolean allowed = ticket.allowed && status != 401 && status != 403;
    try {
      audit.record(new AuditEvent(ticket.caller.toString(), path, action, ticket.subject,
          allowed ? "allow" : "deny", status));
      return true;
    } catch (RuntimeException e) {
      auditFailures.increment();
      LOG.error("{}?action={}: audit line not written, request refused: {}", printable(path), printable(action),
          e.getMessage());
      return false;
    }
  }

  /** Request duration by route, action and status; unknown routes and actions share one tag value. */
  private void time(Ticket ticket, String action, int status, long started) {
    String tagAction = ticket.route.equals(UNKNOWN) ? UNKNOWN : action;
    // Known routes and actions only (others share "unknown"), so the cache is as bounded as the tags.
    timers.computeIfAbsent(ticket.route + '\n' + tagAction + '\n' + status, k -> Timer.builder("spike.http.server.requests")
        .description("API request duration by route, action and status")
        .tags("route", ticket.route, "action", tagAction, "status", Integer.toString(status))
        .publishPercentileHistogram()
        .register(meters))
        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
  }

  /** What is known of a request as it goes through the pipeline: set once it reached authorization. */
  private static final class Ticket {
    private String route = UNKNOWN;
    private SpiffeId caller;
    private Optional<String> subject = Optional.empty();
    private boolean allowed;
    /** The JSON body was read to its end (nothing left to finish). */
    private boolean bodyRead;
  }

  /** The encoded JSON answer ({@code byte[]}) or a {@link StreamedReply}. */
  private Object process(Request request, String path, String action, Optional<SpiffeId> caller, Ticket ticket) {
    if (!"POST".equals(request.getMethod())) {
      throw new ApiError(ErrorCode.BAD_REQUEST, 405, "every route is POST");
    }
    if (!routes.knows(path)) {
      throw ApiError.notFound("no such route");
    }
    Route<?> route = routes.find(path, action)
        .orElseThrow(() -> ApiError.badRequest("unknown action '" + printable(action) + "' for " + printable(path)));
    ticket.route = path;
    return route.requestType() == Upload.class ? upload(route, request, caller, ticket) : json(route, request, caller, ticket);
  }

  private Object json(Route<?> route, Request request, Optional<SpiffeId> caller, Ticket ticket) {
    byte[] body = bodies.read(request);
    ticket.bodyRead = true;
    try {
      SpiffeId id = caller.orElseThrow(ApiError::unauthorized);
      ticket.caller = id;
      requireOpen(route);
      return encode(decodeAndRun(route, id, body.length == 0 ? EMPTY_OBJECT : body, ticket));
    } finally {
      SecretBytes.wipe(body);
    }
  }

  private Object upload(Route<?> route, Request request, Optional<SpiffeId> caller, Ticket ticket) {
    SpiffeId id = caller.orElseThrow(ApiError::unauthorized);
    ticket.caller = id;
    requireOpen(route);
    Upload upload = new Upload(request);
    try {
      Object result = run(route, id, upload, ticket);
      if (result instanceof StreamedReply) {
        throw new IllegalStateException("an upload route answers JSON");
      }
      return encode(result);
    } finally {
      upload.discard();
    }
  }

  private void requireOpen(Route<?> route) {
    if (!route.servesWhileSealed() && barrier.isSealed()) {
      throw new SealedException();
    }
  }

  private static <Q> Object decodeAndRun(Route<Q> route, SpiffeId caller, byte[] body, Ticket ticket) {
    Q decoded = Json.decode(body, route.requestType());
    ticket.subject = subject(decoded);
    return run(route, caller, decoded, ticket);
  }

  private static <Q> Object run(Route<Q> route, SpiffeId caller, Object request, Ticket ticket) {
    Q typed = route.requestType().cast(request);
    if (!route.guard().allows(caller, typed)) {
      throw ApiError.unauthorized();
    }
    ticket.allowed = true;
    return route.handle(caller, typed);
  }

  /** The secret path or policy name/id a request names: its {@code path}, {@code name} or {@code id} text. */
  private static Optional<String> subject(Object request) {
    if (request == null || !request.getClass().isRecord()) {
      return Optional.empty();
    }
    for (String name : SUBJECT_FIELDS) {
      for (RecordComponent component : request.getClass().getRecordComponents()) {
        if (component.getName().equals(name) && component.getType() == String.class) {
          try {
            Object value = component.getAccessor().invoke(request);
            if (value instanceof String text && !text.isEmpty()) {
              return Optional.of(printable(text));
            }
          } catch (ReflectiveOperationException e) {
            return Optional.empty();
          }
        }
      }
    }
    return Optional.empty();
  }

  /** JSON bytes, or the streamed reply itself. */
  private static Object encode(Object result) {
    if (result instanceof StreamedReply) {
      return result;
    }
    if (result instanceof SensitiveReply sensitive) {
      try {
        return Json.encode(sensitive.body());
      } finally {
        sensitive.wipe().run();
      }
    }
    return Json.encode(result);
  }

  private static void stream(Response response, StreamedReply reply, boolean keepAlive) throws IOException {
    response.setStatus(200);
    if (!keepAlive) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"" + reply.fileName() + "\"");
    // Not try-with-resources: on failure the buffer must not be flushed, so that an error can
    // still replace a response nothing of which has left.
    OutputStream out = new BufferedOutputStream(Content.Sink.asOutputStream(response), STREAM_BUFFER);
    reply.writer().writeTo(out);
    out.close();
  }

  private static void send(Response response, Reply reply, boolean keepAlive, Callback callback) {
    response.setStatus(reply.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    if (!keepAlive) { // a 413 is never kept alive (see handle)
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    byte[] body = reply.body();
    response.write(true, ByteBuffer.wrap(body), Callback.from(callback, () -> SecretBytes.wipe(body)));
  }

  private static void logRequest(String path, String action, Optional<SpiffeId> caller, int status) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("{}?action={} from {} -> {}", printable(path), printable(action),
          caller.map(SpiffeId::toString).orElse("(no SVID)"), status);
    }
  }

  /** The {@code ?action=} value; empty when absent; {@code null} when the query cannot be parsed. */
  private static String action(Request request) {
    return action(request.getHttpURI().getQuery());
  }

  /**
   * The first {@code action} parameter of {@code query} (decoded), as Jetty's query parser gives
   * it; empty when absent; {@code null} when the query cannot be decoded. A query with nothing to
   * decode (every client of ours sends {@code ?action=get}) is split here without building the
   * whole parameter map, which was 7% of a get.
   */
  static String action(String query) {
    if (query == null || query.isEmpty()) {
      return "";
    }
    if (query.indexOf('%') < 0 && query.indexOf('+') < 0) {
      for (String parameter : query.split("&", -1)) {
        int equals = parameter.indexOf('=');
        if ((equals < 0 ? parameter : parameter.substring(0, equals)).equals("action")) {
          return equals < 0 ? "" : parameter.substring(equals + 1);
        }
      }
      return "";
    }
    try {
      Fields fields = new Fields(true);
      UrlEncoded.decodeUtf8To(query, fields);
      String action = fields.getValue("action");
      return action == null ? "" : action;
    } catch (RuntimeException malformed) {
      return null;
    }
  }

  private static Optional<SpiffeId> peer(Request request) {
    if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData ssl
        && ssl.peerCertificates() != null && ssl.peerCertificates().length > 0) {
      // Parsing the leaf's URI SAN was 6% of a get: keep the answer on the connection, for as long
      // as the connection presents that same certificate object.
      var connection = request.getConnectionMetaData();
      var leaf = ssl.peerCertificates()[0];
      if (connection.getAttribute(PEER_ATTRIBUTE) instanceof KnownPeer known && known.leaf() == leaf) {
        return known.id();
      }
      Optional<SpiffeId> id = PeerIdentity.fromCertificates(ssl.peerCertificates());
      connection.setAttribute(PEER_ATTRIBUTE, new KnownPeer(leaf, id));
      return id;
    }
    return Optional.empty();
  }

  private static final String PEER_ATTRIBUTE = ApiHandler.class.getName() + ".peer";

  /** The SPIFFE ID a connection's client certificate names. */
  private record KnownPeer(java.security.cert.X509Certificate leaf, Optional<SpiffeId> id) {}

  /** At most 100 characters of caller-supplied text, control characters replaced: safe to log or echo. */
  private static String printable(String text) {
    String cut = text.length() > 100 ? text.substring(0, 100) + "..." : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
