package io.spike.api.wire;

import java.util.List;

/** Every secret path with a live version, sorted. */
public record SecretListResponse(List<String> keys) {
  public SecretListResponse {
    keys = keys == null ? List.of() : List.copyOf(keys);
  }
}
