package io.spike.api.wire;

import io.spike.api.Names;
import java.util.List;

/**
 * Delete or undelete versions of a secret (a valid path, see {@link Names}); an empty list, or 0,
 * means the current version.
 */
public record SecretVersionsRequest(String path, List<Integer> versions) implements Subject {
  public SecretVersionsRequest {
    Names.requirePath(path);
    versions = versions == null ? List.of() : List.copyOf(versions);
  }

  @Override
  public String subject() {
    return path;
  }
}
