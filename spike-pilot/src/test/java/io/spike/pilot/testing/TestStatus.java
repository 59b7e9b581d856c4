package io.spike.pilot.testing;

import io.spike.api.wire.StatusResponse;
import java.util.List;
import java.util.Optional;

/**
 * Detailed {@link StatusResponse}s of a SQLite Nexus with 3 shares and threshold 2 and no keepers
 * listed, as tests hand them to the code under test.
 */
public final class TestStatus {
  private TestStatus() {}

  /** {@code state}, {@code initialized}, restore progress and the audit head, if any. */
  public static StatusResponse of(
      String state,
      boolean initialized,
      StatusResponse.Restore restore,
      Optional<StatusResponse.Audit> audit) {
    return StatusResponse.detailed(
        state,
        initialized,
        new StatusResponse.Details(3, 2, restore, List.of(), "sqlite", Optional.empty(), audit));
  }

  /** As {@link #of}, with no shard collected yet (0 of 2) and no audit head. */
  public static StatusResponse of(String state, boolean initialized) {
    return of(state, initialized, new StatusResponse.Restore(0, 2), Optional.empty());
  }
}
