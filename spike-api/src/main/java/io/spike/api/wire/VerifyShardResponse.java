package io.spike.api.wire;

import java.util.Objects;

/**
 * Whether one recovery shard belongs to this system: checked against the shard commitments Nexus
 * stores, without the other shards and without unsealing. Public data only (no shard value).
 *
 * @param id the shard id that was checked
 * @param valid whether the shard lies on the committed polynomial
 * @param fingerprint the fingerprint of the commitments it was checked against
 * @param threshold how many shards recombine the root key
 * @param shares how many shards exist
 */
public record VerifyShardResponse(
    int id, boolean valid, String fingerprint, int threshold, int shares) {
  public VerifyShardResponse {
    Objects.requireNonNull(fingerprint, "fingerprint");
  }
}
