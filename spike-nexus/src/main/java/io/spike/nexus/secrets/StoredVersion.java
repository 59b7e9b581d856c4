package io.spike.nexus.secrets;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The plaintext of one version row: the values, when it was made and, if soft-deleted, when. Prints
 * its keys only, never values.
 */
record StoredVersion(
    Map<String, String> values, Instant createdTime, Optional<Instant> deletedTime) {
  StoredVersion {
    values = Map.copyOf(values);
    deletedTime = deletedTime == null ? Optional.empty() : deletedTime;
  }

  boolean live() {
    return deletedTime.isEmpty();
  }

  StoredVersion deletedAt(Instant at) {
    return new StoredVersion(values, createdTime, Optional.of(at));
  }

  StoredVersion restored() {
    return new StoredVersion(values, createdTime, Optional.empty());
  }

  @Override
  public String toString() {
    return "StoredVersion[keys="
        + new TreeSet<>(values.keySet())
        + ", createdTime="
        + createdTime
        + ", deletedTime="
        + deletedTime
        + "]";
  }
}
