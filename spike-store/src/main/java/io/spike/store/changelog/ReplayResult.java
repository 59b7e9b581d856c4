package io.spike.store.changelog;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a replay reached.
 *
 * @param lastSeq the last change the store now holds: the last one applied, or the starting point
 *     when none was
 * @param lastAt when that last applied change was recorded; empty when none was applied
 * @param applied how many changes were applied
 */
public record ReplayResult(long lastSeq, Optional<Instant> lastAt, long applied) {

  public ReplayResult {
    if (lastSeq < 0 || applied < 0) {
      throw new IllegalArgumentException("lastSeq and applied must not be negative");
    }
    Objects.requireNonNull(lastAt, "lastAt");
  }
}
