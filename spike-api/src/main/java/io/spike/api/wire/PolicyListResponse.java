package io.spike.api.wire;

import java.util.List;

/** Policies by id and name, sorted by name. */
public record PolicyListResponse(List<Summary> policies) {
  public PolicyListResponse {
    policies = policies == null ? List.of() : List.copyOf(policies);
  }

  /** One policy in a list. */
  public record Summary(String id, String name) {}
}
