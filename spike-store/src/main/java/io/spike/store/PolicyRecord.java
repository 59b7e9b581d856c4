package io.spike.store;

import java.util.Arrays;

/**
 * A policy, keyed by its plaintext name, its content encrypted by Nexus. {@code toString} shows the
 * ciphertext's length only; arrays are copied in and out.
 */
public record PolicyRecord(String name, byte[] ciphertext) {

  public PolicyRecord {
    Checks.key(name, "name");
    ciphertext = Checks.copy(ciphertext, "ciphertext");
  }

  /** A copy of the ciphertext. */
  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PolicyRecord other
        && name.equals(other.name)
        && Arrays.equals(ciphertext, other.ciphertext);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(ciphertext);
  }

  @Override
  public String toString() {
    return "PolicyRecord[name=" + name + ", ciphertext=" + Checks.lengthOf(ciphertext) + "]";
  }
}
