package io.spike.api.wire;

import java.util.List;

/** Create or replace the policy called {@code name}. */
public record PolicyPutRequest(String name, String spiffeidPattern, String pathPattern,
    List<String> permissions) {
  public PolicyPutRequest {
    permissions = permissions == null ? List.of() : List.copyOf(permissions);
  }
}
