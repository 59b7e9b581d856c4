package io.spike.nexus.audit;

import io.spike.store.AuditAnchor;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One pass over an audit log file: how many lines it has, the hash of the last one, and the hash
 * of the line an anchor names, so that {@link FileAuditLog} can tell whether the file extends the
 * anchor. A file ending in a partial line is refused.
 *
 * @param lines complete lines in the file
 * @param lastHash hex SHA-256 of the last line (64 zeros when empty)
 * @param hashAtAnchor hex SHA-256 of line {@code anchorLines}, when the file has that many
 */
record AuditScan(long lines, String lastHash, Optional<String> hashAtAnchor) {

  /** Scans {@code file} (missing: empty), noting the hash of line {@code anchorLines}. */
  static AuditScan of(Path file, long anchorLines) throws IOException {
    if (!Files.exists(file)) {
      return new AuditScan(0, FileAuditLog.GENESIS, Optional.empty());
    }
    MessageDigest digest = newDigest();
    String last = FileAuditLog.GENESIS;
    String atAnchor = null;
    long count = 0;
    boolean open = false;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      int b;
      while ((b = in.read()) != -1) {
        if (b == '\n') {
          last = HexFormat.of().formatHex(digest.digest());
          count++;
          if (count == anchorLines) {
            atAnchor = last;
          }
          open = false;
        } else {
          digest.update((byte) b);
          open = true;
        }
      }
    }
    if (open) {
      throw new AuditException("the audit log " + file + " ends in a partial line (line " + (count + 1)
          + "); check it with `spike audit verify` and move it aside", null);
    }
    return new AuditScan(count, last, Optional.ofNullable(atAnchor));
  }

  /** What is wrong when this file does not extend {@code anchor}; empty when it does. */
  Optional<String> gapFrom(AuditAnchor anchor) {
    if (anchor.lines() == 0) {
      return Optional.empty();
    }
    if (lines < anchor.lines()) {
      return Optional.of("the store anchored " + anchor.lines() + " lines ending in " + anchor.lastHash()
          + ", the file has " + lines + " (lines " + (lines + 1) + ".." + anchor.lines() + " are missing)");
    }
    if (!hashAtAnchor.orElse("").equals(anchor.lastHash())) {
      return Optional.of("the store anchored " + anchor.lines() + " lines ending in " + anchor.lastHash()
          + ", but line " + anchor.lines() + " of the file hashes to " + hashAtAnchor.orElse("?")
          + " (lines up to " + anchor.lines() + " were changed or replaced)");
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
