package io.spike.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import javax.security.auth.Destroyable;

/**
 * The one holder of raw secret bytes in spike-java.
 *
 * <p>Contract: the instance owns a private copy of its bytes; {@link #copyBytes()} hands out a
 * fresh copy the caller must wipe ({@link #wipe(byte[]...)}); {@link #destroy()} zeroes the owned
 * bytes, after which {@link #length()} and {@link #copyBytes()} throw {@link
 * IllegalStateException}. Thread-safe.
 *
 * <p>Security promise: {@link #toString()} is always {@code [redacted]}; {@link #equals(Object)}
 * runs in time independent of the contents (it may reveal the length); {@link #hashCode()} is a
 * constant, so hash-based collections leak nothing either.
 */
public final class SecretBytes implements Destroyable {

  private final byte[] bytes;
  private boolean destroyed;

  private SecretBytes(byte[] owned) {
    this.bytes = owned;
  }

  /** A holder of a copy of {@code bytes}; the caller still owns (and should wipe) the argument. */
  public static SecretBytes copyOf(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return new SecretBytes(bytes.clone());
  }

  /** {@code n} bytes from {@code random}. */
  public static SecretBytes random(int n, SecureRandom random) {
    if (n < 0) {
      throw new IllegalArgumentException("length must not be negative");
    }
    byte[] b = new byte[n];
    random.nextBytes(b);
    return new SecretBytes(b);
  }

  /** Takes ownership of {@code owned} without copying: internal use only. */
  static SecretBytes adopt(byte[] owned) {
    return new SecretBytes(owned);
  }

  /** Zeroes every given array (null arrays are skipped). */
  public static void wipe(byte[]... arrays) {
    for (byte[] a : arrays) {
      if (a != null) {
        Arrays.fill(a, (byte) 0);
      }
    }
  }

  /** The number of bytes held. */
  public synchronized int length() {
    checkLive();
    return bytes.length;
  }

  /** A fresh copy of the bytes; the caller wipes it after use. */
  public synchronized byte[] copyBytes() {
    checkLive();
    return bytes.clone();
  }

  /**
   * Lends a fresh copy of the bytes to {@code use} and wipes the copy when it returns or throws:
   * for handing the bytes to a type outside this package (a wire value, another holder) without a
   * copy left behind. {@code use} must not keep the array.
   */
  public <T> T withBytes(Function<byte[], T> use) {
    Objects.requireNonNull(use, "use");
    byte[] copy = copyBytes();
    try {
      return use.apply(copy);
    } finally {
      wipe(copy);
    }
  }

  /** Zeroes the bytes; idempotent. */
  @Override
  public synchronized void destroy() {
    Arrays.fill(bytes, (byte) 0);
    destroyed = true;
  }

  @Override
  public synchronized boolean isDestroyed() {
    return destroyed;
  }

  /** Constant-time comparison of contents. A destroyed instance equals only itself. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SecretBytes)) {
      return false;
    }
    byte[] mine = null;
    byte[] theirs = null;
    try {
      mine = copyIfLive();
      theirs = ((SecretBytes) o).copyIfLive();
      return mine != null && theirs != null && MessageDigest.isEqual(mine, theirs);
    } finally {
      wipe(mine, theirs);
    }
  }

  /** A constant: hashing must not depend on secret contents. */
  @Override
  public int hashCode() {
    return 0x5ec7e7;
  }

  @Override
  public String toString() {
    return "[redacted]";
  }

  private synchronized byte[] copyIfLive() {
    return destroyed ? null : bytes.clone();
  }

  private void checkLive() {
    if (destroyed) {
      throw new IllegalStateException("secret bytes destroyed");
    }
  }
}
