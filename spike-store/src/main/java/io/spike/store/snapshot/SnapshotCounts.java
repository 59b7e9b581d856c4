package io.spike.store.snapshot;

/** How many records of each kind a snapshot holds; none negative. */
public record SnapshotCounts(long secrets, long versions, long policies, long system) {

  public SnapshotCounts {
    if (secrets < 0 || versions < 0 || policies < 0 || system < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  /** All records together. */
  public long total() {
    return secrets + versions + policies + system;
  }
}
