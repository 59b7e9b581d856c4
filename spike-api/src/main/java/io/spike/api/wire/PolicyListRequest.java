package io.spike.api.wire;

import java.util.Optional;

/** List policies, optionally only those whose patterns equal the given ones. */
public record PolicyListRequest(Optional<String> spiffeidPattern, Optional<String> pathPattern) {
  public PolicyListRequest {
    spiffeidPattern = spiffeidPattern == null ? Optional.empty() : spiffeidPattern;
    pathPattern = pathPattern == null ? Optional.empty() : pathPattern;
  }

  public static PolicyListRequest all() {
    return new PolicyListRequest(Optional.empty(), Optional.empty());
  }
}
