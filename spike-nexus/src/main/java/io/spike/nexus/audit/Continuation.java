package io.spike.nexus.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.spike.api.Json;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a new audit log continues a shipped one: the first line of a log written after a restore is
 * a {@code continued} line whose {@code prev} is the hash of line {@code fromLine} of the shipped
 * log {@code fromLog}, so the chain runs unbroken from the shipped segments into the new file.
 *
 * @param fromLog the shipped log's directory name under {@code audit/} at the target
 * @param fromLine the number of the shipped line the new log follows
 * @param previousHash hex SHA-256 of that line (the continued line's {@code prev})
 */
record Continuation(String fromLog, long fromLine, String previousHash) {
  static final String TYPE = "continued";
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  Continuation {
    Objects.requireNonNull(fromLog, "fromLog");
    if (fromLine < 1) {
      throw new IllegalArgumentException("fromLine must be at least 1");
    }
    if (!HASH.matcher(previousHash).matches()) {
      throw new IllegalArgumentException("previousHash must be 64 lowercase hex digits");
    }
  }

  /** The continuation a log's first line records, if it is a {@code continued} line. */
  static Optional<Continuation> of(byte[] firstLine) {
    try {
      JsonNode node = Json.mapper().readTree(firstLine);
      if (node == null
          || !TYPE.equals(node.path("type").asText())
          || !node.path("fromLog").isTextual()
          || !node.path("fromLine").isIntegralNumber()
          || !node.path("prev").isTextual()) {
        return Optional.empty();
      }
      return Optional.of(
          new Continuation(
              node.get("fromLog").asText(),
              node.get("fromLine").asLong(),
              node.get("prev").asText()));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
