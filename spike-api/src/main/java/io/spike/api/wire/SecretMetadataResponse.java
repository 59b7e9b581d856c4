package io.spike.api.wire;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Versions and metadata of a secret, keyed by version number as a string (SPIKE's shape). */
public record SecretMetadataResponse(Map<String, VersionInfo> versions, Metadata metadata) {
  public SecretMetadataResponse {
    versions = versions == null ? Map.of() : Map.copyOf(versions);
  }

  /** One version: when it was made and, if soft-deleted, when. */
  public record VersionInfo(Instant createdTime, int version, Optional<Instant> deletedTime) {
    public VersionInfo {
      deletedTime = deletedTime == null ? Optional.empty() : deletedTime;
    }
  }

  /** The secret as a whole. */
  public record Metadata(int currentVersion, int oldestVersion, Instant createdTime,
      Instant updatedTime, int maxVersions) {}
}
