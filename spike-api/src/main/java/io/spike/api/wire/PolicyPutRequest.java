package io.spike.api.wire;

import io.spike.api.Names;
import java.util.List;

/** Create or replace the policy called {@code name} (a valid name, see {@link Names}). */
public record PolicyPutRequest(
    String name, String spiffeidPattern, String pathPattern, List<String> permissions)
    implements Subject {
  public PolicyPutRequest {
    Names.requireName(name);
    permissions = permissions == null ? List.of() : List.copyOf(permissions);
  }

  @Override
  public String subject() {
    return name;
  }
}
