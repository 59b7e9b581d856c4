package io.spike.store;

import java.util.Arrays;

/**
 * A secret's row: its path, its revision (the compare-and-set token, at least 1) and its metadata
 * (encrypted by Nexus). {@code toString} shows the metadata's length only; arrays are copied in and
 * out.
 */
public record SecretRecord(String path, long revision, byte[] metadata) {

  public SecretRecord {
    Checks.key(path, "path");
    if (revision < 1) {
      throw new IllegalArgumentException("revision must be at least 1");
    }
    metadata = Checks.copy(metadata, "metadata");
  }

  /** A copy of the encrypted metadata. */
  @Override
  public byte[] metadata() {
    return metadata.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretRecord other
        && path.equals(other.path)
        && revision == other.revision
        && Arrays.equals(metadata, other.metadata);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * path.hashCode() + Long.hashCode(revision)) + Arrays.hashCode(metadata);
  }

  @Override
  public String toString() {
    return "SecretRecord[path="
        + path
        + ", revision="
        + revision
        + ", metadata="
        + Checks.lengthOf(metadata)
        + "]";
  }
}
