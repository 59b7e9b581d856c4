package io.spike.nexus.http;

import io.spike.identity.SpiffeId;

/**
 * One route (a path and an action): the request type to decode, the guard next to it, and the
 * work. {@link ApiHandler} has already checked size, caller, seal state and JSON when
 * {@link #handle} runs, and has asked {@link #guard()}.
 *
 * @param <Q> the decoded request body
 */
public interface Route<Q> {

  /** The JSON body's type. */
  Class<Q> requestType();

  /** Who may call. */
  Guard<? super Q> guard();

  /** Whether the route answers while Nexus is sealed (status, restore, unseal, recover). */
  default boolean servesWhileSealed() {
    return false;
  }

  /**
   * Does the work and returns the response body (encoded as JSON with status 200).
   *
   * @throws ApiError for refusals the caller should see
   */
  Object handle(SpiffeId caller, Q request);
}
