package io.spike.nexus.secrets;

import java.time.Instant;

/**
 * The plaintext of a secret's metadata row. {@code currentVersion} is the highest live version (0
 * when every version is deleted); {@code oldestVersion} the lowest stored one.
 */
record StoredMetadata(
    int currentVersion,
    int oldestVersion,
    Instant createdTime,
    Instant updatedTime,
    int maxVersions) {}
