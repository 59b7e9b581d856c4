package io.spike.api.wire;

import java.util.Arrays;

/**
 * {@code {version, nonce, ciphertext}} (base64 on the wire): the response of encrypt and the
 * request of decrypt.
 */
public record CipherText(int version, byte[] nonce, byte[] ciphertext) {
  public CipherText {
    nonce = nonce == null ? new byte[0] : nonce.clone();
    ciphertext = ciphertext == null ? new byte[0] : ciphertext.clone();
  }

  @Override
  public byte[] nonce() {
    return nonce.clone();
  }

  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CipherText other
        && version == other.version
        && Arrays.equals(nonce, other.nonce)
        && Arrays.equals(ciphertext, other.ciphertext);
  }

  @Override
  public int hashCode() {
    return 31 * version + Arrays.hashCode(ciphertext);
  }

  @Override
  public String toString() {
    return "CipherText[version="
        + version
        + ", nonce="
        + nonce.length
        + " bytes, ciphertext="
        + ciphertext.length
        + " bytes]";
  }
}
