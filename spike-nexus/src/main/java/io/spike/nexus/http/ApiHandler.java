package io.spike.nexus.http;

import io.spike.api.ErrorCode;
import io.spike.api.Json;
import io.spike.crypto.SecretBytes;
import io.spike.identity.PeerIdentity;
import io.spike.identity.SpiffeId;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.barrier.SealedException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every API request goes through this one pipeline, in this order:
 * <ol>
 *   <li>method must be POST (405 {@code api_bad_request});</li>
 *   <li>body at most the configured size (413 {@code api_too_large}, without buffering the excess);</li>
 *   <li>path known (404) and {@code ?action=} known for it (400);</li>
 *   <li>caller's SPIFFE ID from the TLS client certificate (401);</li>
 *   <li>barrier: while sealed only routes that serve sealed answer (503 {@code state_not_ready});</li>
 *   <li>JSON decode into the route's request type (400; an empty body counts as {@code {}});</li>
 *   <li>the route's guard (401 {@code access_unauthorized});</li>
 *   <li>the route; its result is the JSON response, with {@code Cache-Control: no-store}
 *       (a {@link SensitiveReply} is wiped right after encoding).</li>
 * </ol>
 * Failures anywhere go through {@link ErrorMapping}. Each request is logged at DEBUG with route,
 * action, caller and status only; bodies are never logged, and body buffers are zeroed after use.
 */
public final class ApiHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
  private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

  private final RouteTable routes;
  private final Barrier barrier;
  private final BodyReader bodies;

  public ApiHandler(RouteTable routes, Barrier barrier, int maxRequestBytes) {
    this.routes = routes;
    this.barrier = barrier;
    this.bodies = new BodyReader(maxRequestBytes);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    String parsed = action(request);
    String action = parsed == null ? "" : parsed;
    Optional<SpiffeId> caller = peer(request);
    Reply reply;
    try {
      if (parsed == null) {
        throw ApiError.badRequest("malformed query string");
      }
      reply = new Reply(200, process(request, path, action, caller));
    } catch (Throwable failure) {
      reply = ErrorMapping.toReply(failure, printable(path), printable(action));
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("{}?action={} from {} -> {}", printable(path), printable(action),
          caller.map(SpiffeId::toString).orElse("(no SVID)"), reply.status());
    }
    send(response, reply, callback);
    return true;
  }

  private byte[] process(Request request, String path, String action, Optional<SpiffeId> caller) {
    if (!"POST".equals(request.getMethod())) {
      throw new ApiError(ErrorCode.BAD_REQUEST, 405, "every route is POST");
    }
    byte[] body = bodies.read(request);
    try {
      if (!routes.knows(path)) {
        throw ApiError.notFound("no such route");
      }
      Route<?> route = routes.find(path, action)
          .orElseThrow(() -> ApiError.badRequest("unknown action '" + printable(action) + "' for " + printable(path)));
      SpiffeId id = caller.orElseThrow(ApiError::unauthorized);
      if (!route.servesWhileSealed() && barrier.isSealed()) {
        throw new SealedException();
      }
      Object result = run(route, id, body.length == 0 ? EMPTY_OBJECT : body);
      if (result instanceof SensitiveReply sensitive) {
        try {
          return Json.encode(sensitive.body());
        } finally {
          sensitive.wipe().run();
        }
      }
      return Json.encode(result);
    } finally {
      SecretBytes.wipe(body);
    }
  }

  private static <Q> Object run(Route<Q> route, SpiffeId caller, byte[] body) {
    Q request = Json.decode(body, route.requestType());
    if (!route.guard().allows(caller, request)) {
      throw ApiError.unauthorized();
    }
    return route.handle(caller, request);
  }

  private static void send(Response response, Reply reply, Callback callback) {
    response.setStatus(reply.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    if (reply.status() == ErrorCode.TOO_LARGE.status()) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    byte[] body = reply.body();
    response.write(true, ByteBuffer.wrap(body), Callback.from(callback, () -> SecretBytes.wipe(body)));
  }

  /** The {@code ?action=} value; empty when absent; {@code null} when the query cannot be parsed. */
  private static String action(Request request) {
    try {
      Fields query = Request.extractQueryParameters(request);
      String action = query.getValue("action");
      return action == null ? "" : action;
    } catch (RuntimeException malformed) {
      return null;
    }
  }

  private static Optional<SpiffeId> peer(Request request) {
    if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData ssl
        && ssl.peerCertificates() != null) {
      return PeerIdentity.fromCertificates(ssl.peerCertificates());
    }
    return Optional.empty();
  }

  /** At most 100 characters of caller-supplied text, control characters replaced: safe to log or echo. */
  private static String printable(String text) {
    String cut = text.length() > 100 ? text.substring(0, 100) + "..." : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
