package io.spike.store.snapshot;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads snapshot files: checks them without any key ({@link #inspect}), streams their records
 * ({@link #read}) and checks their HMAC ({@link #verifyHmac}).
 *
 * <p>Every byte of a snapshot is under a keyless checksum (each section's SHA-256, then the
 * whole-file SHA-256 over the HMAC too), so any changed, missing or added byte is found, and the
 * section holding it is named.
 */
public final class SnapshotReader {

  private SnapshotReader() {}

  /**
   * Checks structure, record encoding, counts against the header, and every checksum; needs no key
   * and never throws on damage: a damaged file gives {@code ok = false}, the first damaged section
   * and the problem ({@code truncated}, {@code checksum mismatch}, ...).
   *
   * @throws SnapshotException only when the file cannot be opened or read at all
   */
  public static InspectReport inspect(Path file) {
    return SnapshotScanner.inspect(Objects.requireNonNull(file, "file"));
  }

  /**
   * Checks the whole file first (as {@link #inspect}), then streams every record to the visitor in
   * file order: system records, secrets, versions, policies. Checksums are checked again during the
   * second pass, so a file changed in between still fails.
   *
   * @return the header
   * @throws SnapshotException naming the damaged section, before any record reaches the visitor
   *     (unless the file changes between the two passes)
   */
  public static SnapshotHeader read(Path file, SnapshotVisitor visitor) {
    Objects.requireNonNull(visitor, "visitor");
    InspectReport report = inspect(file);
    if (!report.ok()) {
      throw SnapshotException.damaged(
          report.damagedSection().orElseThrow(), report.problem().orElseThrow());
    }
    return SnapshotScanner.stream(file, visitor);
  }

  /**
   * Whether the trailer's HMAC matches HMAC-SHA256 under {@code hmacKey} of every byte before it.
   * False for an unsigned snapshot (its HMAC is all zeros), for another key, and for a file too
   * short to hold a trailer. Checks authenticity only: {@link #inspect} checks structure.
   *
   * @throws SnapshotException when the file cannot be read
   */
  public static boolean verifyHmac(Path file, byte[] hmacKey) {
    Objects.requireNonNull(file, "file");
    if (Objects.requireNonNull(hmacKey, "hmacKey").length == 0) {
      throw new IllegalArgumentException("hmac key must not be empty");
    }
    try {
      long signedLength = Files.size(file) - SnapshotFormat.TRAILER_BYTES;
      if (signedLength < SnapshotFormat.PREAMBLE_BYTES) {
        return false;
      }
      Mac mac = Mac.getInstance(SnapshotFormat.HMAC_ALGORITHM);
      mac.init(new SecretKeySpec(hmacKey, SnapshotFormat.HMAC_ALGORITHM));
      try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
        byte[] buffer = new byte[1 << 16];
        long left = signedLength;
        while (left > 0) {
          int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
          if (n < 0) {
            return false; // shrank while read
          }
          mac.update(buffer, 0, n);
          left -= n;
        }
        byte[] stored = in.readNBytes(SnapshotFormat.DIGEST_BYTES);
        return MessageDigest.isEqual(mac.doFinal(), stored);
      }
    } catch (IOException e) {
      throw new SnapshotException("cannot read snapshot " + file + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
