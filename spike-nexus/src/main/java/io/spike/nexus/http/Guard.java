package io.spike.nexus.http;

import io.spike.identity.SpiffeId;

/**
 * Decides whether a caller may use a route with a given request. Runs after the body is decoded,
 * so policy guards can look at the secret path (for an {@link Upload}, before any byte of the
 * body is read). Refusal is 401 {@code access_unauthorized}.
 *
 * @param <Q> the route's request type
 */
@FunctionalInterface
public interface Guard<Q> {

  /** Whether {@code caller} may send {@code request}. */
  boolean allows(SpiffeId caller, Q request);
}
