package io.spike.server.pipeline;

import io.spike.identity.SpiffeId;
import java.util.function.BiFunction;

/**
 * One route (a path and an action): the request type to decode, the guard next to it, and the work.
 * When {@link #handle} runs, {@link Pipeline} has checked the body size, the caller, the seal state
 * and the JSON, asked {@link #guard()}, and written the audit request line.
 *
 * <p>A route whose request type is {@link Upload} receives the raw body itself (nothing is read
 * before the guard allows it), under its own size limit.
 *
 * <p>A route that is decode, guard and one call is built with {@link #of} (or {@link #whileSealed})
 * where it is registered; a class of its own pays off only for a route with state.
 *
 * <p>Refusals are exceptions: the domain's own types, turned into statuses by the server's {@link
 * FailureMapping}, or an {@link ApiRefusal} for what only HTTP knows.
 *
 * @param <Q> the decoded request body, or {@link Upload}
 */
public interface Route<Q> {

  /** The JSON body's type, or {@code Upload.class} for a raw body the route receives itself. */
  Class<Q> requestType();

  /** Who may call with which request. */
  Guard<? super Q> guard();

  /** Whether the route answers while the server is sealed (status, restore, unseal, recover). */
  default boolean servesWhileSealed() {
    return false;
  }

  /** Does the work. */
  Reply handle(SpiffeId caller, Q request);

  /**
   * A route that answers only while unsealed: {@code work} runs once {@code guard} allows the
   * decoded request.
   */
  static <Q> Route<Q> of(
      Class<Q> requestType, Guard<? super Q> guard, BiFunction<SpiffeId, Q, Reply> work) {
    return new FunctionRoute<>(requestType, guard, false, work);
  }

  /** The same as {@link #of}, for a route that answers while the server is sealed too. */
  static <Q> Route<Q> whileSealed(
      Class<Q> requestType, Guard<? super Q> guard, BiFunction<SpiffeId, Q, Reply> work) {
    return new FunctionRoute<>(requestType, guard, true, work);
  }
}
