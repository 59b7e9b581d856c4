package io.spike.api.wire;

import io.spike.api.Names;

/** Get a version of a secret (a valid path, see {@link Names}); version 0 means the current one. */
public record SecretGetRequest(String path, int version) implements Subject {
  public SecretGetRequest {
    Names.requirePath(path);
  }

  @Override
  public String subject() {
    return path;
  }
}
