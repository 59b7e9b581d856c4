package io.spike.nexus.http;

import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.ops.NexusMetrics;
import io.spike.nexus.ops.StoreCondition;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /healthz} (200 while the process lives), {@code GET /readyz} (200 unsealed with a
 * reachable store; 503 {@code sealed} or {@code store unavailable}; a full store is reported in the
 * 200 body), {@code GET /metrics}; anything else is 404.
 */
public final class OpsHandler extends Handler.Abstract {
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String TEXT = "text/plain; charset=utf-8";

  private final Barrier barrier;
  private final NexusMetrics metrics;

  private final StoreCondition store;

  public OpsHandler(Barrier barrier, NexusMetrics metrics, StoreCondition store) {
    this.barrier = barrier;
    this.metrics = metrics;
    this.store = store;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
      return send(response, callback, 405, TEXT, "use GET\n");
    }
    switch (path) {
      case "/healthz":
        return send(response, callback, 200, TEXT, "ok\n");
      case "/readyz":
        return readiness(response, callback);
      case "/metrics":
        return send(response, callback, 200, PROMETHEUS_TEXT, metrics.scrape());
      default:
        return send(response, callback, 404, TEXT, "not found\n");
    }
  }

  /**
   * 503 while sealed or while the store cannot be reached; otherwise 200, saying so when writes
   * were refused for lack of space lately (reads still work, so Nexus stays ready).
   */
  private boolean readiness(Response response, Callback callback) {
    if (barrier.isSealed()) {
      return send(response, callback, 503, TEXT, "sealed\n");
    }
    var unreachable = store.unreachable();
    if (unreachable.isPresent()) {
      return send(response, callback, 503, TEXT, unreachable.get() + "\n");
    }
    return send(
        response,
        callback,
        200,
        TEXT,
        store
            .fullSince()
            .map(t -> "ready; store full: writes refused since " + t + ", reads served\n")
            .orElse("ready\n"));
  }

  private static boolean send(
      Response response, Callback callback, int status, String type, String body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }
}
