package io.spike.store;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where an audit log stood when Nexus last recorded it: how many lines it had and the hex SHA-256
 * of the last one (64 zeros for an empty log). Nothing in it is secret.
 */
public record AuditAnchor(long lines, String lastHash) {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  public AuditAnchor {
    if (lines < 0) {
      throw new IllegalArgumentException("lines must not be negative");
    }
    if (!HEX.matcher(Objects.requireNonNull(lastHash, "lastHash")).matches()) {
      throw new IllegalArgumentException("lastHash must be 64 lowercase hex digits");
    }
  }
}
