package io.spike.store;

import java.util.Arrays;

/**
 * One stored version of a secret: path, version number (at least 1) and ciphertext. {@code
 * toString} shows the ciphertext's length only; arrays are copied in and out.
 */
public record VersionRecord(String path, int version, byte[] ciphertext) {

  public VersionRecord {
    Checks.key(path, "path");
    Checks.version(version);
    ciphertext = Checks.copy(ciphertext, "ciphertext");
  }

  /** A copy of the ciphertext. */
  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VersionRecord other
        && path.equals(other.path)
        && version == other.version
        && Arrays.equals(ciphertext, other.ciphertext);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * path.hashCode() + version) + Arrays.hashCode(ciphertext);
  }

  @Override
  public String toString() {
    return "VersionRecord[path="
        + path
        + ", version="
        + version
        + ", ciphertext="
        + Checks.lengthOf(ciphertext)
        + "]";
  }
}
