package io.spike.api.wire;

import java.util.Map;
import java.util.TreeMap;

/** Every recovery shard by id ("1", "2", ...). */
public record RecoverResponse(Map<String, ShardValue> shards) {
  public RecoverResponse {
    shards = shards == null ? Map.of() : new TreeMap<>(shards);
  }

  @Override
  public String toString() {
    return "RecoverResponse[ids=" + shards.keySet() + ", shards=redacted]";
  }
}
