package io.spike.api.wire;

import java.util.Arrays;

/**
 * Bootstrap's proof request: random text encrypted under the root key (nonce and ciphertext+tag).
 */
public record BootstrapVerifyRequest(byte[] nonce, byte[] ciphertext) {
  public BootstrapVerifyRequest {
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
    return o instanceof BootstrapVerifyRequest other
        && Arrays.equals(nonce, other.nonce)
        && Arrays.equals(ciphertext, other.ciphertext);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(nonce);
  }

  @Override
  public String toString() {
    return "BootstrapVerifyRequest[" + nonce.length + "+" + ciphertext.length + " bytes]";
  }
}
