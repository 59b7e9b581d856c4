package io.spike.server.pipeline;

import io.spike.identity.Role;
import io.spike.identity.SpiffeId;
import io.spike.identity.TrustRoots;

/**
 * Decides whether a caller may use a route with a given request. Runs after the body is decoded, so
 * policy guards can look at the secret path (for an {@link Upload}, before any byte of the body is
 * read). Refusal is 401 {@code access_unauthorized}.
 *
 * @param <Q> the route's request type
 */
@FunctionalInterface
public interface Guard<Q> {

  /** Whether {@code caller} may send {@code request}. */
  boolean allows(SpiffeId caller, Q request);

  /**
   * Exactly this role (its ID or one under it, in a trust domain allowed for the role), never a
   * policy.
   */
  static <Q> Guard<Q> role(Role role, TrustRoots trust) {
    return (caller, request) -> trust.holds(role, caller);
  }

  /** Any of these roles. */
  static <Q> Guard<Q> anyRole(TrustRoots trust, Role... roles) {
    return (caller, request) -> {
      for (Role role : roles) {
        if (trust.holds(role, caller)) {
          return true;
        }
      }
      return false;
    };
  }

  /** Any SPIFFE ID of a trust domain {@code trust} names (workloads' or a role's). */
  static <Q> Guard<Q> member(TrustRoots trust) {
    return (caller, request) -> trust.all().contains(caller.trustDomain());
  }
}
