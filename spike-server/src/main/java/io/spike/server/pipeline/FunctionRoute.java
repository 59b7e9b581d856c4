package io.spike.server.pipeline;

import io.spike.identity.SpiffeId;
import java.util.Objects;
import java.util.function.BiFunction;

/** A {@link Route} made of its parts, see {@link Route#of} and {@link Route#whileSealed}. */
record FunctionRoute<Q>(
    Class<Q> requestType,
    Guard<? super Q> guard,
    boolean servesWhileSealed,
    BiFunction<SpiffeId, Q, Reply> work)
    implements Route<Q> {

  FunctionRoute {
    Objects.requireNonNull(requestType, "requestType");
    Objects.requireNonNull(guard, "guard");
    Objects.requireNonNull(work, "work");
  }

  @Override
  public Reply handle(SpiffeId caller, Q request) {
    return work.apply(caller, request);
  }

  @Override
  public String toString() {
    return "Route[" + requestType.getSimpleName() + (servesWhileSealed ? ", while sealed]" : "]");
  }
}
