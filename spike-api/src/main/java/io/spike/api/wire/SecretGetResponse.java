package io.spike.api.wire;

import java.util.Map;
import java.util.TreeSet;

/** The values of one version of a secret. */
public record SecretGetResponse(Map<String, String> data, int version) {
  public SecretGetResponse {
    data = data == null ? Map.of() : Map.copyOf(data);
  }

  @Override
  public String toString() {
    return "SecretGetResponse[version=" + version + ", keys=" + new TreeSet<>(data.keySet()) + "]";
  }
}
