package io.spike.api.wire;

import java.util.List;

/** Delete or undelete versions of a secret; an empty list, or 0, means the current version. */
public record SecretVersionsRequest(String path, List<Integer> versions) {
  public SecretVersionsRequest {
    versions = versions == null ? List.of() : List.copyOf(versions);
  }
}
