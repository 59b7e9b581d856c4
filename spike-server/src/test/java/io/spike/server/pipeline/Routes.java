package io.spike.server.pipeline;

import io.spike.identity.SpiffeId;
import java.util.function.BiFunction;

/** Small routes for the stage tests. */
final class Routes {
  private Routes() {}

  static <Q> Route<Q> of(
      Class<Q> type,
      Guard<? super Q> guard,
      boolean whileSealed,
      BiFunction<SpiffeId, Q, Reply> work) {
    return whileSealed ? Route.whileSealed(type, guard, work) : Route.of(type, guard, work);
  }

  static <Q> Route<Q> open(Class<Q> type) {
    return of(type, (c, r) -> true, false, (c, r) -> Reply.EMPTY);
  }
}
