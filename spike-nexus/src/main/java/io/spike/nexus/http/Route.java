package io.spike.nexus.http;

import io.spike.identity.SpiffeId;

/**
 * One route (a path and an action): the request type to decode, the guard next to it, and the
 * work. {@link ApiHandler} has already checked size, caller, seal state and JSON when
 * {@link #handle} runs, and has asked {@link #guard()}.
 *
 * <p>Two variations for files (snapshots): a route whose request type is {@link Upload} receives
 * the raw body itself, under its own size limit; a route may answer a {@link StreamedReply},
 * written straight to the response instead of encoded as JSON.
 *
 * @param <Q> the decoded request body, or {@link Upload}
 */
public interface Route<Q> {

  /** The JSON body's type, or {@code Upload.class} for a raw body the route receives itself. */
  Class<Q> requestType();

  /** Who may call. */
  Guard<? super Q> guard();

  /** Whether the route answers while Nexus is sealed (status, restore, unseal, recover). */
  default boolean servesWhileSealed() {
    return false;
  }

  /**
   * Does the work and returns the response body (encoded as JSON with status 200), or a
   * {@link StreamedReply}.
   *
   * @throws ApiError for refusals the caller should see
   */
  Object handle(SpiffeId caller, Q request);
}
