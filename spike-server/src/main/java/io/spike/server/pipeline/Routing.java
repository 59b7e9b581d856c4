package io.spike.server.pipeline;

import io.spike.api.ErrorCode;
import org.eclipse.jetty.server.Request;

/**
 * Stage 0: finds the route. Every route is POST (else 405 {@code api_bad_request}); an unknown path
 * is 404, an unknown or undecodable {@code ?action=} for a known path 400. The action the caller
 * sent is never echoed.
 */
final class Routing {
  private final RouteTable routes;

  Routing(RouteTable routes) {
    this.routes = routes;
  }

  Route<?> route(Request request, Exchange exchange) {
    if (!"POST".equals(request.getMethod())) {
      throw new ApiRefusal(ErrorCode.BAD_REQUEST, 405, "every route is POST");
    }
    if (!routes.knows(exchange.path)) {
      throw new ApiRefusal(ErrorCode.NOT_FOUND, "no such route");
    }
    String action =
        ActionQuery.parse(request.getHttpURI().getQuery())
            .orElseThrow(() -> ApiRefusal.badRequest("malformed query string"));
    Route<?> route =
        routes
            .find(exchange.path, action)
            .orElseThrow(() -> ApiRefusal.badRequest("unknown action for " + exchange.path));
    exchange.route = exchange.path;
    exchange.action = action;
    return route;
  }
}
