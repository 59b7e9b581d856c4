package io.spike.store.snapshot;

import io.spike.store.ChangeLogPosition;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The first section of a snapshot: what it holds, readable without any key.
 *
 * @param formatVersion the file format (1 or {@link #FORMAT_VERSION}), as in the preamble
 * @param created when the snapshot was taken
 * @param backend the store it was taken from ({@code sqlite}, {@code postgres}, {@code memory})
 * @param counts how many records of each kind follow
 * @param keyringTerms data-key terms of the keyring; empty when unknown (offline save)
 * @param keyCheck the store's key check record (ciphertext; empty when the store had none): with
 *     it, recovery shards can be checked against the snapshot before a restore. Copied in and out;
 *     {@code toString} shows its length only.
 * @param signed whether the trailer holds an HMAC (else 32 zero bytes)
 * @param changeLog the store's change-log position in the same read as the records: the snapshot
 *     holds every change of that log up to {@code lastSeq}, so a point-in-time restore replays from
 *     there; empty in snapshots written before the change log existed
 * @param recovery threshold, share count and commitments fingerprint of the recovery shards, when
 *     the writer knew them (Nexus does; older snapshots and offline saves have none)
 */
public record SnapshotHeader(
    int formatVersion,
    Instant created,
    String backend,
    SnapshotCounts counts,
    List<Integer> keyringTerms,
    byte[] keyCheck,
    boolean signed,
    Optional<ChangeLogPosition> changeLog,
    Optional<SnapshotRecovery> recovery) {

  /**
   * The format this code writes (2: the trailer covers the section digests, not every byte again);
   * it reads formats 1 and 2.
   */
  public static final int FORMAT_VERSION = SnapshotFormat.FORMAT_2;

  public SnapshotHeader {
    if (formatVersion < 1) {
      throw new IllegalArgumentException("format version must be at least 1");
    }
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(counts, "counts");
    keyringTerms = List.copyOf(keyringTerms);
    keyCheck = Objects.requireNonNull(keyCheck, "keyCheck").clone();
    Objects.requireNonNull(changeLog, "changeLog");
    Objects.requireNonNull(recovery, "recovery");
  }

  /** A header without a change-log position or a recovery block. */
  public SnapshotHeader(
      int formatVersion,
      Instant created,
      String backend,
      SnapshotCounts counts,
      List<Integer> keyringTerms,
      byte[] keyCheck,
      boolean signed) {
    this(
        formatVersion,
        created,
        backend,
        counts,
        keyringTerms,
        keyCheck,
        signed,
        Optional.empty(),
        Optional.empty());
  }

  /** A copy of the key check. */
  @Override
  public byte[] keyCheck() {
    return keyCheck.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SnapshotHeader other
        && formatVersion == other.formatVersion
        && created.equals(other.created)
        && backend.equals(other.backend)
        && counts.equals(other.counts)
        && keyringTerms.equals(other.keyringTerms)
        && Arrays.equals(keyCheck, other.keyCheck)
        && signed == other.signed
        && changeLog.equals(other.changeLog)
        && recovery.equals(other.recovery);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        formatVersion,
        created,
        backend,
        counts,
        keyringTerms,
        Arrays.hashCode(keyCheck),
        signed,
        changeLog,
        recovery);
  }

  @Override
  public String toString() {
    return "SnapshotHeader[formatVersion="
        + formatVersion
        + ", created="
        + created
        + ", backend="
        + backend
        + ", counts="
        + counts
        + ", keyringTerms="
        + keyringTerms
        + ", keyCheck="
        + keyCheck.length
        + " bytes, signed="
        + signed
        + ", changeLog="
        + changeLog
        + ", recovery="
        + recovery
        + "]";
  }
}
