package io.spike.api.wire;

/** Keeper shard: {@code {shard:[32 ints]}}. */
public record ShardResponse(ShardValue shard) {
  @Override
  public String toString() {
    return "ShardResponse[redacted]";
  }
}
