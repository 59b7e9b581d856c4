package io.spike.api.wire;

import io.spike.api.Names;
import java.util.Map;
import java.util.TreeSet;

/** Put: a new version of the secret at {@code path} (a valid path, see {@link Names}). */
public record SecretPutRequest(String path, Map<String, String> values) implements Subject {
  public SecretPutRequest {
    Names.requirePath(path);
    values = values == null ? Map.of() : Map.copyOf(values);
  }

  @Override
  public String subject() {
    return path;
  }

  @Override
  public String toString() {
    return "SecretPutRequest[path=" + path + ", keys=" + new TreeSet<>(values.keySet()) + "]";
  }
}
