package io.spike.nexus.http;

import io.spike.identity.Role;

/** Guards that look at the caller's role only. Policy guards come from the policy package. */
public final class Guards {
  private Guards() {}

  /** Exactly this role (its ID or one under it), never a policy. */
  public static <Q> Guard<Q> role(Role role, String trustDomain) {
    return (caller, request) -> role.holds(caller, trustDomain);
  }

  /** Any SPIFFE ID of the trust domain. */
  public static <Q> Guard<Q> member(String trustDomain) {
    return (caller, request) -> caller.memberOf(trustDomain);
  }
}
