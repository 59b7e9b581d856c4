package io.spike.server.pipeline;

import io.spike.api.ErrorCode;
import io.spike.api.Json;
import io.spike.identity.SpiffeId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one request pipeline of Nexus and the keepers. Every request goes through these stages, in
 * this order, each a small class:
 *
 * <ol start="0">
 *   <li>{@link Routing}: POST only (405), known path (404), known {@code ?action=} (400);
 *   <li>{@link BodyReader}: the JSON body, at most the configured size (413);
 *   <li>{@link PeerIdentifier}: the caller's SPIFFE ID from the client certificate (401);
 *   <li>{@link SealGate}: while sealed, only routes that serve sealed (503);
 *   <li>{@link RequestDecoder}: the body into the route's request type (400);
 *   <li>{@link Authorization}: the route's guard (401);
 *   <li>{@link AuditStage}: the audit request line: if it cannot be written, 500 {@code
 *       audit_unavailable} and the route never runs;
 *   <li>the route;
 *   <li>{@link AuditStage}: the audit outcome line (decision and status), before anything is sent;
 *   <li>{@link ReplyWriter}: the answer, {@code no-store}, buffers wiped.
 * </ol>
 *
 * <p>Exceptions from any stage or route become answers in one place: the server's {@link
 * FailureMapping} first, then {@link ApiRefusal}'s own code, JSON errors as 400, anything else as
 * 500 with no detail. Before answering, whatever is left of the request body is read and dropped
 * (up to a drain limit; beyond it the answer says {@code Connection: close}), so that an answer
 * decided before the body was read leaves a keep-alive connection usable. Each request is logged at
 * DEBUG with route, action, caller and status only; bodies are never logged.
 */
public final class Pipeline extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final Routing routing;
  private final BodyReader bodies;
  private final PeerIdentifier peers = new PeerIdentifier();
  private final SealGate gate;
  private final RequestDecoder decoder = new RequestDecoder();
  private final Authorization authorization = new Authorization();
  private final AuditStage audit;
  private final FailureMapping failures;
  private final PipelineObserver observer;

  private Pipeline(Builder b) {
    this.routing = new Routing(b.routes);
    this.bodies = BodyReader.json(b.maxRequestBytes);
    this.gate = b.gate;
    this.audit = new AuditStage(b.audit, b.observer);
    this.failures = b.failures;
    this.observer = b.observer;
  }

  public static Builder builder(RouteTable routes, int maxRequestBytes) {
    return new Builder(routes, maxRequestBytes);
  }

  /** A route's answer, encoded: JSON bytes, or a body still to stream. */
  private record Answer(byte[] json, Reply.Streamed streamed) {}

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long started = System.nanoTime();
    Exchange exchange = new Exchange(Request.getPathInContext(request));
    Answer answer = null;
    Failure failure = null;
    try {
      answer = process(request, exchange);
    } catch (Throwable t) {
      failure = toFailure(t, exchange);
    }
    int status = failure == null ? 200 : failure.status();
    if (!audit.outcome(exchange, status)) {
      if (answer != null && answer.json() != null) {
        Arrays.fill(answer.json(), (byte) 0);
      }
      answer = null;
      failure = Failure.of(ErrorCode.AUDIT_UNAVAILABLE, AuditStage.OUTCOME_LOST);
      status = failure.status();
    }
    // A 413 has drained what it will and closes the connection: nothing more to read for it.
    boolean keepAlive =
        exchange.bodyRead || (status != ErrorCode.TOO_LARGE.status() && bodies.finish(request));
    if (answer != null && answer.streamed() != null) {
      try {
        ReplyWriter.stream(response, answer.streamed(), keepAlive);
        done(exchange, 200, started);
        callback.succeeded();
        return true;
      } catch (Throwable t) {
        if (response.isCommitted()) {
          logAborted(t, exchange);
          done(exchange, 200, started);
          callback.failed(t);
          return true;
        }
        response.reset();
        failure = toFailure(t, exchange);
        status = failure.status();
      }
    }
    done(exchange, status, started);
    if (failure == null) {
      ReplyWriter.send(response, 200, answer.json(), Optional.empty(), keepAlive, callback);
    } else {
      ReplyWriter.send(
          response, status, ReplyWriter.encode(failure), failure.retryAfter(), keepAlive, callback);
    }
    return true;
  }

  private Answer process(Request request, Exchange exchange) {
    Route<?> route = routing.route(request, exchange);
    boolean upload = route.requestType() == Upload.class;
    byte[] body = upload ? new byte[0] : bodies.read(request);
    exchange.bodyRead = !upload;
    Upload received = upload ? new Upload(request) : null;
    try {
      exchange.caller = peers.identify(request);
      gate.check(route);
      Object decoded = decoder.decode(route, body, exchange, received);
      authorization.check(route, exchange.caller, decoded);
      exchange.allowed = true;
      audit.request(exchange);
      Reply reply = run(route, exchange.caller, decoded);
      if (reply instanceof Reply.Streamed streamed) {
        if (upload) {
          throw new IllegalStateException("an upload route answers JSON");
        }
        return new Answer(null, streamed);
      }
      return new Answer(ReplyWriter.encode(reply), null);
    } finally {
      Arrays.fill(body, (byte) 0);
      if (received != null) {
        received.discard();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <Q> Reply run(Route<Q> route, SpiffeId caller, Object request) {
    return Objects.requireNonNull(route.handle(caller, (Q) request), "a route answered null");
  }

  private Failure toFailure(Throwable failure, Exchange exchange) {
    if (failure instanceof ApiRefusal refusal) {
      return refusal.toFailure();
    }
    Optional<Failure> mapped = failures.map(failure, exchange.where());
    if (mapped.isPresent()) {
      return mapped.get();
    }
    if (failure instanceof Json.JsonException e) {
      return Failure.of(ErrorCode.BAD_REQUEST, e.getMessage());
    }
    LOG.error("{}: unexpected failure", exchange.where(), failure);
    return Failure.of(ErrorCode.INTERNAL, null);
  }

  private void done(Exchange exchange, int status, long started) {
    observer.answered(
        exchange.route,
        exchange.route.equals(Exchange.UNKNOWN) ? Exchange.UNKNOWN : exchange.action,
        status,
        System.nanoTime() - started);
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "{} from {} -> {}",
          exchange.route.equals(Exchange.UNKNOWN) ? printable(exchange.path) : exchange.where(),
          exchange.caller == null ? "(unidentified)" : exchange.caller,
          status);
    }
  }

  /** A failure after the first bytes of a streamed answer left: the response is aborted. */
  private static void logAborted(Throwable failure, Exchange exchange) {
    if (failure instanceof IOException || failure instanceof UncheckedIOException) {
      LOG.warn("{}: the response was aborted mid-body: {}", exchange.where(), failure.getMessage());
    } else {
      LOG.error("{}: the response was aborted mid-body", exchange.where(), failure);
    }
  }

  /** At most 100 characters of caller-supplied text, control characters replaced: safe to log. */
  static String printable(String text) {
    String cut = text.length() > 100 ? text.substring(0, 100) + "..." : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  /** Builds a pipeline; routes and the JSON size limit are required, the rest optional. */
  public static final class Builder {
    private final RouteTable routes;
    private final int maxRequestBytes;
    private SealGate gate = SealGate.open();
    private AuditTrail audit = AuditTrail.none();
    private FailureMapping failures = FailureMapping.none();
    private PipelineObserver observer = PipelineObserver.none();

    private Builder(RouteTable routes, int maxRequestBytes) {
      this.routes = Objects.requireNonNull(routes, "routes");
      if (maxRequestBytes < 1) {
        throw new IllegalArgumentException("maxRequestBytes must be positive");
      }
      this.maxRequestBytes = maxRequestBytes;
    }

    /**
     * While {@code sealed} says so, routes that do not serve sealed answer 503 with {@code
     * message}.
     */
    public Builder sealed(BooleanSupplier sealed, String message) {
      this.gate = new SealGate(sealed, message);
      return this;
    }

    public Builder audit(AuditTrail audit) {
      this.audit = Objects.requireNonNull(audit, "audit");
      return this;
    }

    public Builder failures(FailureMapping failures) {
      this.failures = Objects.requireNonNull(failures, "failures");
      return this;
    }

    public Builder observer(PipelineObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    public Pipeline build() {
      return new Pipeline(this);
    }
  }
}
