package io.spike.api.wire;

/** Keeper contribute: {@code {shard:[32 ints]}}. */
public record ShardRequest(ShardValue shard) {
  @Override
  public String toString() {
    return "ShardRequest[redacted]";
  }
}
