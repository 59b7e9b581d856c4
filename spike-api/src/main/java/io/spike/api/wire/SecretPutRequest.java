package io.spike.api.wire;

import java.util.Map;

/** Put: a new version of the secret at {@code path}. */
public record SecretPutRequest(String path, Map<String, String> values) {
  public SecretPutRequest {
    values = values == null ? Map.of() : Map.copyOf(values);
  }

  @Override
  public String toString() {
    return "SecretPutRequest[path=" + path + ", keys=" + new java.util.TreeSet<>(values.keySet()) + "]";
  }
}
