package io.spike.api.wire;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A policy as Nexus returns it. {@code enforced} says exactly what Nexus checks: both patterns must
 * match the whole SPIFFE ID and the whole secret path (written as the equivalent anchored
 * expressions), and which reserved system paths the policy can grant at all.
 */
public record Policy(
    String id,
    String name,
    String spiffeidPattern,
    String pathPattern,
    List<String> permissions,
    Instant createdAt,
    Optional<Enforced> enforced) {
  public Policy {
    permissions = permissions == null ? List.of() : List.copyOf(permissions);
    enforced = enforced == null ? Optional.empty() : enforced;
  }

  public Policy(
      String id,
      String name,
      String spiffeidPattern,
      String pathPattern,
      List<String> permissions,
      Instant createdAt) {
    this(id, name, spiffeidPattern, pathPattern, permissions, createdAt, Optional.empty());
  }

  /**
   * What Nexus enforces of a policy.
   *
   * @param spiffeid the SPIFFE ID pattern as a whole-string match, e.g. {@code
   *     ^(?:spiffe://spike\.ist/web)$}
   * @param path the path pattern as a whole-string match
   * @param systemPaths the reserved system paths ({@code spike/system/...}) this policy can grant
   *     permissions on: only those its path pattern names literally at its start
   */
  public record Enforced(String spiffeid, String path, List<String> systemPaths) {
    public Enforced {
      systemPaths = systemPaths == null ? List.of() : List.copyOf(systemPaths);
    }
  }
}
