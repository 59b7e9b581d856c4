package io.spike.api.wire;

import java.security.MessageDigest;

/** {@code {plaintext}} (base64 on the wire): the request of encrypt and the response of decrypt. */
public record CipherPlaintext(byte[] plaintext) {
  public CipherPlaintext {
    plaintext = plaintext == null ? new byte[0] : plaintext.clone();
  }

  @Override
  public byte[] plaintext() {
    return plaintext.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CipherPlaintext other && MessageDigest.isEqual(plaintext, other.plaintext);
  }

  @Override
  public int hashCode() {
    return plaintext.length;
  }

  @Override
  public String toString() {
    return "CipherPlaintext[redacted]";
  }
}
