package io.spike.pilot.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.spike.api.Json;
import io.spike.api.wire.StatusResponse;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Recomputes an audit log's hash chain: line 1's {@code prev} must be 64 zeros, and every later
 * line's {@code prev} the hex SHA-256 of the previous line's exact bytes (without its newline).
 * Optionally checks the file against the anchor Nexus recorded: the anchored hash must be the hash
 * of line {@code lines} (or of a later line), else the file was cut short.
 *
 * <p>What it cannot see: an edit of the very last line (no later line vouches for it) unless that
 * line is the anchored one; lines cut after the newest anchor.
 */
final class AuditChain {
  static final String GENESIS = "0".repeat(64);

  /**
   * Nexus writes lines of a few hundred bytes; a longer one is refused rather than held in memory.
   */
  static final int MAX_LINE_BYTES = 1 << 20;

  private AuditChain() {}

  /** The outcome: lines read, and the first problem when there is one. */
  record Report(long lines, Optional<String> problem) {
    boolean intact() {
      return problem.isEmpty();
    }
  }

  /** Walks {@code file}; with {@code anchor}, also checks the file reaches it. */
  static Report check(Path file, Optional<StatusResponse.Audit> anchor) throws IOException {
    MessageDigest digest = sha256();
    String prev = GENESIS;
    long number = 0;
    boolean anchorSeen = false;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream(512);
      while (true) {
        int b = in.read();
        if (b != -1 && b != '\n') {
          if (line.size() >= MAX_LINE_BYTES) {
            return new Report(
                number + 1,
                Optional.of(
                    "line "
                        + (number + 1)
                        + ": longer than "
                        + MAX_LINE_BYTES
                        + " bytes, not an audit line"));
          }
          line.write(b);
          continue;
        }
        if (b == -1 && line.size() == 0) {
          break;
        }
        number++;
        byte[] bytes = line.toByteArray();
        line.reset();
        Optional<String> linePrev = prevOf(bytes);
        if (linePrev.isEmpty()) {
          return new Report(
              number,
              Optional.of("line " + number + ": not an audit line (malformed JSON or no prev)"));
        }
        if (!linePrev.get().equals(prev)) {
          return new Report(
              number,
              Optional.of(
                  "line "
                      + number
                      + ": hash chain broken (edited, removed or reordered): its prev does not match "
                      + (number == 1 ? "the start of a log" : "line " + (number - 1))));
        }
        prev = HexFormat.of().formatHex(digest.digest(bytes));
        if (anchor.isPresent()
            && number >= anchor.get().lines()
            && prev.equals(anchor.get().lastHash())) {
          anchorSeen = true;
        }
        if (b == -1) {
          break;
        }
      }
    }
    if (anchor.isPresent() && !anchorSeen && anchor.get().lines() > 0) {
      return new Report(
          number,
          Optional.of(
              "log cut short: Nexus recorded "
                  + anchor.get().lines()
                  + " lines ending in "
                  + anchor.get().lastHash()
                  + ", the file has "
                  + number));
    }
    return new Report(number, Optional.empty());
  }

  private static Optional<String> prevOf(byte[] line) {
    try {
      JsonNode node = Json.mapper().readTree(line);
      if (node == null || !node.isObject() || !node.path("prev").isTextual()) {
        return Optional.empty();
      }
      return Optional.of(node.get("prev").asText());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
