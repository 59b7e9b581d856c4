package io.spike.nexus.policy;

import io.spike.api.wire.Policy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The plaintext of a policy row; its id is its name. */
record StoredPolicy(
    String name,
    String spiffeidPattern,
    String pathPattern,
    List<String> permissions,
    Instant createdAt) {
  StoredPolicy {
    permissions = List.copyOf(permissions);
  }

  Policy toWire(Policy.Enforced enforced) {
    return new Policy(
        name, name, spiffeidPattern, pathPattern, permissions, createdAt, Optional.of(enforced));
  }
}
