package io.spike.store.snapshot;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link SnapshotWriter} puts in a snapshot besides the records.
 *
 * @param created the time written into the header (and usually into the file name)
 * @param backend the name of the store the records come from, for the header
 * @param keyringTerms the data-key terms the keyring holds, when known (Nexus knows them; an
 *     offline save from a store does not: empty)
 * @param hmacKey the HMAC-SHA256 key that signs the file (Nexus derives it from the root key);
 *     empty for an unsigned snapshot. Copied in and out; never printed.
 * @param recovery the header's recovery block (Nexus knows it from the shard commitments); empty
 *     when unknown
 */
public record SnapshotOptions(
    Instant created,
    String backend,
    List<Integer> keyringTerms,
    Optional<byte[]> hmacKey,
    Optional<SnapshotRecovery> recovery) {

  /** Shortest HMAC key accepted. */
  public static final int MIN_HMAC_KEY_BYTES = 16;

  public SnapshotOptions {
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(backend, "backend");
    if (backend.isBlank()) {
      throw new IllegalArgumentException("backend must not be blank");
    }
    keyringTerms = List.copyOf(keyringTerms);
    hmacKey = Objects.requireNonNull(hmacKey, "hmacKey").map(byte[]::clone);
    if (hmacKey.isPresent() && hmacKey.get().length < MIN_HMAC_KEY_BYTES) {
      throw new IllegalArgumentException(
          "hmac key must be at least " + MIN_HMAC_KEY_BYTES + " bytes");
    }
    Objects.requireNonNull(recovery, "recovery");
  }

  /** Options without a recovery block. */
  public SnapshotOptions(
      Instant created, String backend, List<Integer> keyringTerms, Optional<byte[]> hmacKey) {
    this(created, backend, keyringTerms, hmacKey, Optional.empty());
  }

  /** These options with {@code recovery} as the header's recovery block. */
  public SnapshotOptions withRecovery(SnapshotRecovery recovery) {
    return new SnapshotOptions(created, backend, keyringTerms, hmacKey, Optional.of(recovery));
  }

  /** Options for an unsigned snapshot with unknown keyring terms (an offline save). */
  public static SnapshotOptions unsigned(Instant created, String backend) {
    return new SnapshotOptions(created, backend, List.of(), Optional.empty());
  }

  /** Options for a snapshot signed with {@code hmacKey} (copied). */
  public static SnapshotOptions signed(
      Instant created, String backend, List<Integer> keyringTerms, byte[] hmacKey) {
    return new SnapshotOptions(created, backend, keyringTerms, Optional.of(hmacKey));
  }

  /** A copy of the HMAC key, if any; the caller wipes it. */
  @Override
  public Optional<byte[]> hmacKey() {
    return hmacKey.map(byte[]::clone);
  }

  /** Whether the snapshot will be signed. */
  public boolean signed() {
    return hmacKey.isPresent();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SnapshotOptions other
        && created.equals(other.created)
        && backend.equals(other.backend)
        && keyringTerms.equals(other.keyringTerms)
        && hmacKey.isPresent() == other.hmacKey.isPresent()
        && (hmacKey.isEmpty() || MessageDigest.isEqual(hmacKey.get(), other.hmacKey.get()))
        && recovery.equals(other.recovery);
  }

  @Override
  public int hashCode() {
    return Objects.hash(created, backend, keyringTerms, hmacKey.isPresent(), recovery);
  }

  @Override
  public String toString() {
    return "SnapshotOptions[created="
        + created
        + ", backend="
        + backend
        + ", keyringTerms="
        + keyringTerms
        + ", hmacKey="
        + (hmacKey.isPresent() ? "[redacted]" : "none")
        + ", recovery="
        + recovery
        + "]";
  }
}
