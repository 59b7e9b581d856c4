package io.spike.server.pipeline;

import io.spike.identity.SpiffeId;

/** Stage 5: the route's guard; a refusal is 401 {@code access_unauthorized}. */
final class Authorization {

  @SuppressWarnings("unchecked")
  <Q> void check(Route<Q> route, SpiffeId caller, Object request) {
    Guard<? super Q> guard = route.guard();
    if (!guard.allows(caller, (Q) route.requestType().cast(request))) {
      throw ApiRefusal.unauthorized();
    }
  }
}
