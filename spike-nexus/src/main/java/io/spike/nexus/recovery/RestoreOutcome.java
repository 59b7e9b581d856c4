package io.spike.nexus.recovery;

import java.util.List;

/** What a shard fed to {@link RestoreSession} led to. Carries ids and counts only, never shards. */
public sealed interface RestoreOutcome {

  /** Fewer than threshold shards held: {@code remaining} more are needed. */
  record NeedMoreShards(int collected, int remaining) implements RestoreOutcome {}

  /**
   * The root key was reconstructed, passed the key check and unsealed Nexus. {@code wrongShards}
   * are the ids of held shards that differ from the ones the key implies (left out of the key).
   */
  record Restored(int collected, List<Integer> wrongShards) implements RestoreOutcome {
    public Restored {
      wrongShards = List.copyOf(wrongShards);
    }
  }

  /**
   * Threshold shards or more are held but no combination of them passes the key check: at least
   * {@link #atLeastWrong()} of {@code ids} are wrong. The set is kept, so the operator can feed a
   * corrected shard (same id replaces) or another one.
   */
  record WrongShards(int collected, int threshold, List<Integer> ids) implements RestoreOutcome {
    public WrongShards {
      ids = List.copyOf(ids);
    }

    /** With {@code n} shards and none passing, at least {@code n - threshold + 1} are wrong. */
    public int atLeastWrong() {
      return Math.max(1, ids.size() - threshold + 1);
    }
  }
}
