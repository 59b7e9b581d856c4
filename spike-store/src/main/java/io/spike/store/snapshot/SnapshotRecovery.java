package io.spike.store.snapshot;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The header's optional {@code recovery} block: which recovery shards restore this snapshot.
 *
 * <p>Public data only: the counts and the fingerprint of the shard commitments (no shard, no key).
 *
 * @param threshold how many shards recombine the root key (1..shares)
 * @param shares how many shards were made (threshold..255)
 * @param fingerprint the fingerprint of the stored shard commitments, e.g. {@code 3f2a-91c0-…}
 */
public record SnapshotRecovery(int threshold, int shares, String fingerprint) {

  private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{4}(-[0-9a-f]{4}){1,15}");

  public SnapshotRecovery {
    if (threshold < 1 || threshold > shares || shares > 255) {
      throw new IllegalArgumentException("need 1 <= threshold <= shares <= 255");
    }
    Objects.requireNonNull(fingerprint, "fingerprint");
    if (!FINGERPRINT.matcher(fingerprint).matches()) {
      throw new IllegalArgumentException("fingerprint must be dash-grouped lowercase hex");
    }
  }

  /** {@code needs 2 of 3 recovery shards (commitments 3f2a-...)}. */
  public String describe() {
    return "needs "
        + threshold
        + " of "
        + shares
        + " recovery shards (commitments "
        + fingerprint
        + ")";
  }
}
