package io.spike.api.wire;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What Nexus says of itself. Everyone in the trust domain gets the seal state ({@code "sealed"} or
 * {@code "unsealed"}) and whether the store has a root key at all (what bootstrap needs); the
 * {@link Details} (Shamir parameters, restore progress, keepers and their URLs, backend, last
 * backup, audit anchor, last verified backup) go to the superuser and the operator roles only.
 */
public record StatusResponse(String state, boolean initialized, Optional<Details> details) {
  public StatusResponse {
    details = details == null ? Optional.empty() : details;
  }

  /** What the privileged roles see besides the seal state. */
  public record Details(
      int shares,
      int threshold,
      Restore restore,
      List<Keeper> keepers,
      String backend,
      Optional<Instant> lastBackup,
      Optional<Audit> audit,
      Optional<VerifiedBackup> lastVerifiedBackup) {
    public Details {
      keepers = keepers == null ? List.of() : List.copyOf(keepers);
      lastBackup = lastBackup == null ? Optional.empty() : lastBackup;
      audit = audit == null ? Optional.empty() : audit;
      lastVerifiedBackup = lastVerifiedBackup == null ? Optional.empty() : lastVerifiedBackup;
    }

    /** Details without a verified backup. */
    public Details(
        int shares,
        int threshold,
        Restore restore,
        List<Keeper> keepers,
        String backend,
        Optional<Instant> lastBackup,
        Optional<Audit> audit) {
      this(shares, threshold, restore, keepers, backend, lastBackup, audit, Optional.empty());
    }
  }

  /**
   * The newest backup that Nexus proved restorable with its own keys: when the check succeeded and
   * the snapshot's name at the backup target.
   */
  public record VerifiedBackup(Instant at, String snapshot) {
    public VerifiedBackup {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(snapshot, "snapshot");
    }
  }

  /** The full answer. */
  public static StatusResponse detailed(String state, boolean initialized, Details details) {
    return new StatusResponse(state, initialized, Optional.of(details));
  }

  /** Seal state and {@code initialized} only. */
  public static StatusResponse minimal(String state, boolean initialized) {
    return new StatusResponse(state, initialized, Optional.empty());
  }

  /**
   * The audit log's anchor as the store records it: lines written and the newest line's hash (hex).
   */
  public record Audit(long lines, String lastHash) {}

  public boolean sealed() {
    return !"unsealed".equals(state);
  }

  /** Restore progress, when the caller may see it. */
  public Optional<Restore> restore() {
    return details.map(Details::restore);
  }

  /** The keepers, when the caller may see them. */
  public List<Keeper> keepers() {
    return details.map(Details::keepers).orElse(List.of());
  }

  /** The audit anchor, when there is one and the caller may see it. */
  public Optional<Audit> audit() {
    return details.flatMap(Details::audit);
  }

  /** Shards collected by {@code operator restore} so far, and still needed. */
  public record Restore(int collected, int remaining) {}

  /**
   * One keeper: its shard id, URL, whether the last contact succeeded, and what is wrong with it
   * besides reachability ({@code wrong shard} while it holds a shard the stored commitments refuse;
   * absent when nothing is).
   */
  public record Keeper(
      int id,
      String url,
      boolean reachable,
      Optional<Instant> lastContact,
      Optional<String> health) {
    /** The wrong-shard state of a keeper (its {@code health}). */
    public static final String WRONG_SHARD = "wrong shard";

    public Keeper {
      lastContact = lastContact == null ? Optional.empty() : lastContact;
      health = health == null ? Optional.empty() : health;
    }

    /** A keeper with nothing wrong besides, perhaps, reachability. */
    public Keeper(int id, String url, boolean reachable, Optional<Instant> lastContact) {
      this(id, url, reachable, lastContact, Optional.empty());
    }
  }
}
