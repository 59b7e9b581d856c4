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
    return new Route<>() {
      @Override
      public Class<Q> requestType() {
        return type;
      }

      @Override
      public Guard<? super Q> guard() {
        return guard;
      }

      @Override
      public boolean servesWhileSealed() {
        return whileSealed;
      }

      @Override
      public Reply handle(SpiffeId caller, Q request) {
        return work.apply(caller, request);
      }
    };
  }

  static <Q> Route<Q> open(Class<Q> type) {
    return of(type, (c, r) -> true, false, (c, r) -> Reply.EMPTY);
  }
}
