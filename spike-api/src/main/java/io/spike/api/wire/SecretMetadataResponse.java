package io.spike.api.wire;

import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Versions and metadata of a secret, keyed by version number as a string (SPIKE's shape). */
public record SecretMetadataResponse(Map<String, VersionInfo> versions, Metadata metadata) {
  public SecretMetadataResponse {
    // Ordered by version number, so output is stable and reads oldest first.
    TreeMap<String, VersionInfo> sorted =
        new TreeMap<>(Comparator.comparingLong((String k) -> parseOrMax(k)).thenComparing(k -> k));
    if (versions != null) {
      sorted.putAll(versions);
    }
    versions = Collections.unmodifiableMap(sorted);
  }

  private static long parseOrMax(String key) {
    try {
      return Long.parseLong(key);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  /** One version: when it was made and, if soft-deleted, when. */
  public record VersionInfo(Instant createdTime, int version, Optional<Instant> deletedTime) {
    public VersionInfo {
      deletedTime = deletedTime == null ? Optional.empty() : deletedTime;
    }
  }

  /** The secret as a whole. */
  public record Metadata(
      int currentVersion,
      int oldestVersion,
      Instant createdTime,
      Instant updatedTime,
      int maxVersions) {}
}
