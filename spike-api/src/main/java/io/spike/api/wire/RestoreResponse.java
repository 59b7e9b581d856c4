package io.spike.api.wire;

import java.util.List;

/**
 * Progress of a restore: shards collected and still needed, whether Nexus is now unsealed, and the
 * ids of shards found wrong (ours; SPIKE sends only the first three fields).
 */
public record RestoreResponse(
    int collected, int remaining, boolean restored, List<Integer> wrongShards) {
  public RestoreResponse {
    wrongShards = wrongShards == null ? List.of() : List.copyOf(wrongShards);
  }

  public RestoreResponse(int collected, int remaining, boolean restored) {
    this(collected, remaining, restored, List.of());
  }
}
