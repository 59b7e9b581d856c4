package io.spike.api.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.function.Function;
import javax.security.auth.Destroyable;

/**
 * {@code {plaintext}} (base64 on the wire): the request of encrypt and the response of decrypt.
 *
 * <p>Like {@link ShardValue}, it holds secret bytes: it prints as {@code
 * CipherPlaintext[redacted]}, compares in constant time and {@link #destroy()} zeroes its copy.
 * Whoever takes the bytes out with {@link #plaintext()} wipes that copy; {@link #withPlaintext}
 * lends a copy and wipes it.
 */
public final class CipherPlaintext implements Destroyable {
  private final byte[] plaintext;
  private volatile boolean destroyed;

  /** Copies {@code plaintext} (null is empty); the caller still wipes its array. */
  @JsonCreator
  public CipherPlaintext(@JsonProperty("plaintext") byte[] plaintext) {
    this.plaintext = plaintext == null ? new byte[0] : plaintext.clone();
  }

  /** A copy of the plaintext; the caller wipes it. */
  @JsonProperty("plaintext")
  public byte[] plaintext() {
    return plaintext.clone();
  }

  /**
   * Lends a copy of the plaintext to {@code use} and wipes the copy when it returns or throws.
   * {@code use} must not keep the array.
   */
  public <T> T withPlaintext(Function<byte[], T> use) {
    return SecretArrays.lend(plaintext, use);
  }

  /** Zeroes the plaintext (its length stays); idempotent. */
  @Override
  public void destroy() {
    Arrays.fill(plaintext, (byte) 0);
    destroyed = true;
  }

  @JsonIgnore
  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  /** Same bytes, compared in constant time (the length may show). */
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
