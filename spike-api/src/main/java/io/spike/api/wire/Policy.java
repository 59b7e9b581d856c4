package io.spike.api.wire;

import java.time.Instant;
import java.util.List;

/** A policy as Nexus returns it. */
public record Policy(String id, String name, String spiffeidPattern, String pathPattern,
    List<String> permissions, Instant createdAt) {
  public Policy {
    permissions = permissions == null ? List.of() : List.copyOf(permissions);
  }
}
