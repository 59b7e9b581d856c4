package io.spike.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * The root key: 32 bytes whose big-endian value k is a valid P-256 scalar, 0 &lt; k &lt; n.
 *
 * <p>Contract: everything else is derived from it with HKDF-SHA256 (no salt, the label as info):
 * {@link #aead()} is AES-256-GCM under the key labelled {@code spike/root-aead}; {@link
 * #deriveKey(String, int)} gives other keys. Shamir shares of it come from {@link Shamir}.
 * Thread-safe.
 *
 * <p>Security promise: the key is never written anywhere by this class; {@link #material()} and
 * {@link #deriveKey} return copies the caller must wipe or destroy; {@link #destroy()} zeroes the
 * bytes and every later use throws {@link IllegalStateException}; {@link #toString()} is {@code
 * RootKey[redacted]}; {@link #equals(Object)} is constant time and {@link #hashCode()} a constant.
 */
public final class RootKey implements Destroyable {

  /** Length of the key in bytes. */
  public static final int LENGTH = P256.SCALAR_BYTES;

  static final String ROOT_AEAD_LABEL = "spike/root-aead";

  private final SecretBytes key;

  private RootKey(SecretBytes key) {
    this.key = key;
  }

  /** A fresh random key, drawn from {@code random} until it lands in 0 &lt; k &lt; n. */
  public static RootKey generate(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    while (true) {
      byte[] candidate = new byte[LENGTH];
      random.nextBytes(candidate);
      if (P256.isValidScalar(candidate)) {
        return new RootKey(SecretBytes.adopt(candidate));
      }
      SecretBytes.wipe(candidate);
    }
  }

  /**
   * A key holding a copy of {@code bytes} (the caller still wipes its array).
   *
   * @throws GeneralSecurityException unless {@code bytes} is 32 bytes with 0 &lt; value &lt; n
   */
  public static RootKey fromBytes(byte[] bytes) throws GeneralSecurityException {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != LENGTH) {
      throw new GeneralSecurityException("root key must be 32 bytes");
    }
    if (!P256.isValidScalar(bytes)) {
      throw new GeneralSecurityException("root key out of range");
    }
    return new RootKey(SecretBytes.copyOf(bytes));
  }

  /**
   * A new AES-256-GCM instance under HKDF-SHA256(root, info {@code spike/root-aead}). It holds a
   * derived key of its own: call {@link AesGcmAead#destroy()} when done (the return type is the
   * concrete class for that reason; it is still an {@link Aead}).
   */
  public AesGcmAead aead() {
    byte[] derived = deriveKey(ROOT_AEAD_LABEL, AesGcmAead.KEY_BYTES);
    SecretBytes k = SecretBytes.adopt(derived);
    try {
      return new AesGcmAead(k);
    } finally {
      k.destroy();
    }
  }

  /** A copy of the 32 key bytes; the caller destroys it. */
  public SecretBytes material() {
    return SecretBytes.adopt(bytes());
  }

  /**
   * {@code length} bytes of HKDF-SHA256(ikm = root key, salt = none, info = UTF-8 label); the
   * caller wipes the result. Distinct labels give independent keys.
   */
  public byte[] deriveKey(String label, int length) {
    Objects.requireNonNull(label, "label");
    byte[] ikm = key.copyBytes();
    try {
      return Hkdf.derive(ikm, new byte[0], label.getBytes(StandardCharsets.UTF_8), length);
    } finally {
      SecretBytes.wipe(ikm);
    }
  }

  /** The raw bytes as a fresh copy, for this package's own use; the caller wipes it. */
  byte[] bytes() {
    return key.copyBytes();
  }

  /** Zeroes the key; idempotent. */
  @Override
  public void destroy() {
    key.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return key.isDestroyed();
  }

  /** Constant-time comparison of the key bytes. */
  @Override
  public boolean equals(Object o) {
    return o instanceof RootKey && key.equals(((RootKey) o).key);
  }

  @Override
  public int hashCode() {
    return key.hashCode();
  }

  @Override
  public String toString() {
    return "RootKey[redacted]";
  }
}
