package io.spike.api.wire;

/** One recovery shard fed to a sealed Nexus. */
public record RestoreRequest(int id, ShardValue shard) {
  @Override
  public String toString() {
    return "RestoreRequest[id=" + id + ", shard=redacted]";
  }
}
