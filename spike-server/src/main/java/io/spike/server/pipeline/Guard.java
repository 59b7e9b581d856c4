package io.spike.server.pipeline;

import io.spike.identity.Role;
import io.spike.identity.SpiffeId;

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

  /** Exactly this role (its ID or one under it), never a policy. */
  static <Q> Guard<Q> role(Role role, String trustDomain) {
    return (caller, request) -> role.holds(caller, trustDomain);
  }

  /** Any of these roles. */
  static <Q> Guard<Q> anyRole(String trustDomain, Role... roles) {
    return (caller, request) -> {
      for (Role role : roles) {
        if (role.holds(caller, trustDomain)) {
          return true;
        }
      }
      return false;
    };
  }

  /** Any SPIFFE ID of the trust domain. */
  static <Q> Guard<Q> member(String trustDomain) {
    return (caller, request) -> caller.memberOf(trustDomain);
  }
}
