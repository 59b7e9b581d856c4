package io.spike.api.wire;

import java.util.List;

/**
 * What Nexus found verifying an uploaded snapshot with its own root key: whether it is good,
 * whether it was signed (HMAC), how many records decrypted, and the problems (record places and
 * reasons, never contents).
 */
public record SnapshotVerifyResponse(
    boolean ok, boolean signed, long secrets, long versions, long policies, List<String> problems) {
  public SnapshotVerifyResponse {
    problems = problems == null ? List.of() : List.copyOf(problems);
  }
}
