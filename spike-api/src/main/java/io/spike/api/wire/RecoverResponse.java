package io.spike.api.wire;

import java.util.Map;
import java.util.TreeMap;

/**
 * Every recovery shard by id ("1", "2", ...), with the fingerprint of the shard commitments they
 * verify against and how many of how many shards recombine the root key.
 */
public record RecoverResponse(
    Map<String, ShardValue> shards, String fingerprint, int threshold, int shares) {
  public RecoverResponse {
    shards = shards == null ? Map.of() : new TreeMap<>(shards);
    fingerprint = fingerprint == null ? "" : fingerprint;
  }

  /** Shards without commitments information (an older Nexus). */
  public RecoverResponse(Map<String, ShardValue> shards) {
    this(shards, "", 0, 0);
  }

  @Override
  public String toString() {
    return "RecoverResponse[ids="
        + shards.keySet()
        + ", shards=redacted, fingerprint="
        + fingerprint
        + ", threshold="
        + threshold
        + ", shares="
        + shares
        + "]";
  }
}
