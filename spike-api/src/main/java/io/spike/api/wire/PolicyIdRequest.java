package io.spike.api.wire;

import io.spike.api.Names;

/** Names a policy; its id is its name (a valid name, see {@link Names}). */
public record PolicyIdRequest(String id) implements Subject {
  public PolicyIdRequest {
    Names.requireName(id);
  }

  @Override
  public String subject() {
    return id;
  }
}
