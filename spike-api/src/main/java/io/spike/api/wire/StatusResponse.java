package io.spike.api.wire;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What Nexus says of itself: seal state ({@code "sealed"} or {@code "unsealed"}),
 * whether the store has a root key at all, the Shamir parameters, restore
 * progress, keepers, backend and the last backup.
 */
public record StatusResponse(String state, boolean initialized, int shares, int threshold,
    Restore restore, List<Keeper> keepers, String backend, Optional<Instant> lastBackup,
    Optional<Audit> audit) {
  public StatusResponse {
    keepers = keepers == null ? List.of() : List.copyOf(keepers);
    lastBackup = lastBackup == null ? Optional.empty() : lastBackup;
    audit = audit == null ? Optional.empty() : audit;
  }

  public StatusResponse(String state, boolean initialized, int shares, int threshold,
      Restore restore, List<Keeper> keepers, String backend, Optional<Instant> lastBackup) {
    this(state, initialized, shares, threshold, restore, keepers, backend, lastBackup, Optional.empty());
  }

  /** The audit log's anchor as the store records it: lines written and the newest line's hash (hex). */
  public record Audit(long lines, String lastHash) {}

  public boolean sealed() {
    return !"unsealed".equals(state);
  }

  /** Shards collected by {@code operator restore} so far, and still needed. */
  public record Restore(int collected, int remaining) {}

  /** One keeper: its shard id, URL, and whether the last contact succeeded. */
  public record Keeper(int id, String url, boolean reachable, Optional<Instant> lastContact) {
    public Keeper {
      lastContact = lastContact == null ? Optional.empty() : lastContact;
    }
  }
}
