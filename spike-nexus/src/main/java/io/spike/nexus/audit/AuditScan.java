package io.spike.nexus.audit;

import io.spike.store.AuditAnchor;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One pass over an audit log file: how many lines it has, the hash of the last one, the hash of the
 * line an anchor names, and the first line that does not chain to the one before (every line Nexus
 * writes ends with {@code "prev":"<hex SHA-256 of the previous line>"}; the first line's is 64
 * zeros, or, on a {@link Continuation continued} line, the hash of the shipped line it follows), so
 * that {@link FileAuditLog} can tell whether the file is intact and extends the anchor. A file
 * ending in a partial line is refused.
 *
 * @param lines complete lines in the file
 * @param lastHash hex SHA-256 of the last line (64 zeros when empty)
 * @param hashAtAnchor hex SHA-256 of line {@code anchorLines}, when the file has that many
 * @param brokenAt the first line whose {@code prev} is not the hash of the line before, if any
 */
record AuditScan(
    long lines, String lastHash, Optional<String> hashAtAnchor, Optional<Long> brokenAt) {
  private static final byte[] PREV = "\"prev\":\"".getBytes(StandardCharsets.US_ASCII);

  /** Scans {@code file} (missing: empty), noting the hash of line {@code anchorLines}. */
  static AuditScan of(Path file, long anchorLines) throws IOException {
    if (!Files.exists(file)) {
      return new AuditScan(0, FileAuditLog.GENESIS, Optional.empty(), Optional.empty());
    }
    MessageDigest digest = newDigest();
    String last = FileAuditLog.GENESIS;
    String atAnchor = null;
    Long broken = null;
    long count = 0;
    boolean open = false;
    // The tail of the current line: enough to read its prev field (at most 1 MiB is held per line).
    ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      int b;
      while ((b = in.read()) != -1) {
        if (b == '\n') {
          if (count == 0) {
            // A log that continues a shipped one starts from the shipped chain's last hash.
            last = Continuation.of(line.toByteArray()).map(Continuation::previousHash).orElse(last);
          }
          if (broken == null && !chains(line.toByteArray(), last)) {
            broken = count + 1;
          }
          line.reset();
          last = HexFormat.of().formatHex(digest.digest());
          count++;
          if (count == anchorLines) {
            atAnchor = last;
          }
          open = false;
        } else {
          digest.update((byte) b);
          if (line.size() < MAX_LINE_BYTES) {
            line.write(b);
          }
          open = true;
        }
      }
    }
    if (open) {
      throw new AuditException(
          "the audit log "
              + file
              + " ends in a partial line (line "
              + (count + 1)
              + "); check it with `spike audit verify` and move it aside",
          null);
    }
    return new AuditScan(count, last, Optional.ofNullable(atAnchor), Optional.ofNullable(broken));
  }

  /** Longest line checked for its prev field; Nexus writes lines of a few hundred bytes. */
  static final int MAX_LINE_BYTES = 1 << 20;

  /**
   * Whether {@code line} ends with {@code "prev":"<previous>"}} (as every line Nexus writes does).
   */
  private static boolean chains(byte[] line, String previous) {
    int tail = PREV.length + 64 + 2;
    if (line.length < tail || line[line.length - 1] != '}' || line[line.length - 2] != '"') {
      return false;
    }
    int start = line.length - tail;
    for (int i = 0; i < PREV.length; i++) {
      if (line[start + i] != PREV[i]) {
        return false;
      }
    }
    String hex = new String(line, start + PREV.length, 64, StandardCharsets.US_ASCII);
    return hex.equals(previous);
  }

  /**
   * What is wrong when this file is not one intact chain, or does not extend {@code anchor}; empty
   * when it is and does.
   */
  Optional<String> gapFrom(Optional<AuditAnchor> recorded) {
    if (brokenAt.isPresent()) {
      long line = brokenAt.get();
      return Optional.of(
          "line "
              + line
              + " does not chain to "
              + (line == 1 ? "the start of a log" : "line " + (line - 1))
              + " (a line before it was edited, removed or reordered, or it was itself)");
    }
    if (recorded.isEmpty() || recorded.get().lines() == 0) {
      return Optional.empty();
    }
    AuditAnchor anchor = recorded.get();
    if (lines < anchor.lines()) {
      return Optional.of(
          "the store anchored "
              + anchor.lines()
              + " lines ending in "
              + anchor.lastHash()
              + ", the file has "
              + lines
              + " (lines "
              + (lines + 1)
              + ".."
              + anchor.lines()
              + " are missing)");
    }
    if (!hashAtAnchor.orElse("").equals(anchor.lastHash())) {
      return Optional.of(
          "the store anchored "
              + anchor.lines()
              + " lines ending in "
              + anchor.lastHash()
              + ", but line "
              + anchor.lines()
              + " of the file hashes to "
              + hashAtAnchor.orElse("?")
              + " (lines up to "
              + anchor.lines()
              + " were changed or replaced)");
    }
    return Optional.empty();
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(newDigest().digest(bytes));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
