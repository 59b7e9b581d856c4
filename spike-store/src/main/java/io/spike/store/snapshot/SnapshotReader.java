package io.spike.store.snapshot;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads snapshot files: checks them without any key ({@link #inspect}), streams their records
 * ({@link #read}) and checks their HMAC ({@link #verifyHmac}).
 *
 * <p>Every byte of a snapshot is under a keyless checksum (each section's SHA-256, then the
 * whole-file SHA-256 over the HMAC too: over every byte in format 1, over the section digests in
 * format 2, see {@link SnapshotFormat}), so any changed, missing or added byte is found, and the
 * section holding it is named. Formats 1 and 2 are read.
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
   * Whether the trailer's HMAC matches HMAC-SHA256 under {@code hmacKey} of what the file's format
   * signs: every byte before it in format 1; in format 2 the manifest (the preamble and each
   * section's type, name, length and SHA-256), the section digests being checked against the
   * payloads in the same pass, so every byte is still authenticated. False for an unsigned snapshot
   * (its HMAC is all zeros), for another key, and for a damaged or truncated file.
   *
   * @throws SnapshotException when the file cannot be read
   */
  public static boolean verifyHmac(Path file, byte[] hmacKey) {
    Objects.requireNonNull(file, "file");
    if (Objects.requireNonNull(hmacKey, "hmacKey").length == 0) {
      throw new IllegalArgumentException("hmac key must not be empty");
    }
    Mac mac;
    try {
      mac = Mac.getInstance(SnapshotFormat.HMAC_ALGORITHM);
      mac.init(new SecretKeySpec(hmacKey, SnapshotFormat.HMAC_ALGORITHM));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
    return SnapshotScanner.hmacMatches(file, mac);
  }
}
