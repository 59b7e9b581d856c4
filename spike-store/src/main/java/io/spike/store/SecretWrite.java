package io.spike.store;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One atomic change to a secret, applied by {@link SpikeStore#writeSecret}.
 *
 * <p>{@code expectedRevision} is the revision the caller read (0: the path must not exist yet); the
 * write stores revision {@code expectedRevision + 1}, the new metadata, the {@code upserts}
 * (inserted or replaced by version) and deletes the {@code removals}. Every upsert belongs to
 * {@code path}; versions are distinct, and no version is both upserted and removed. {@code
 * toString} shows lengths and version numbers only; arrays and lists are copied.
 */
public record SecretWrite(
    String path,
    long expectedRevision,
    byte[] metadata,
    List<VersionRecord> upserts,
    List<Integer> removals) {

  public SecretWrite {
    Checks.key(path, "path");
    if (expectedRevision < 0) {
      throw new IllegalArgumentException("expectedRevision must not be negative");
    }
    metadata = Checks.copy(metadata, "metadata");
    upserts = List.copyOf(upserts);
    removals = List.copyOf(removals);
    Set<Integer> seen = new HashSet<>();
    for (VersionRecord upsert : upserts) {
      if (!upsert.path().equals(path)) {
        throw new IllegalArgumentException("every upsert must belong to the written path");
      }
      if (!seen.add(upsert.version())) {
        throw new IllegalArgumentException("version " + upsert.version() + " is upserted twice");
      }
    }
    Set<Integer> removed = new HashSet<>();
    for (int removal : removals) {
      Checks.version(removal);
      if (seen.contains(removal)) {
        throw new IllegalArgumentException("version " + removal + " is both upserted and removed");
      }
      if (!removed.add(removal)) {
        throw new IllegalArgumentException("version " + removal + " is removed twice");
      }
    }
  }

  /** The revision the secret has after this write: {@code expectedRevision + 1}. */
  public long newRevision() {
    return expectedRevision + 1;
  }

  /** A copy of the encrypted metadata. */
  @Override
  public byte[] metadata() {
    return metadata.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretWrite other
        && path.equals(other.path)
        && expectedRevision == other.expectedRevision
        && Arrays.equals(metadata, other.metadata)
        && upserts.equals(other.upserts)
        && removals.equals(other.removals);
  }

  @Override
  public int hashCode() {
    int h = path.hashCode();
    h = 31 * h + Long.hashCode(expectedRevision);
    h = 31 * h + Arrays.hashCode(metadata);
    h = 31 * h + upserts.hashCode();
    return 31 * h + removals.hashCode();
  }

  @Override
  public String toString() {
    return "SecretWrite[path="
        + path
        + ", expectedRevision="
        + expectedRevision
        + ", metadata="
        + Checks.lengthOf(metadata)
        + ", upserts="
        + upserts.stream().map(VersionRecord::version).toList()
        + ", removals="
        + removals
        + "]";
  }
}
