package io.spike.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM through the JDK ({@code AES/GCM/NoPadding}).
 *
 * <p>Output: {@code nonce(12) | ciphertext | tag(16)}. Every {@link #encrypt} draws a fresh 12-byte
 * nonce from a {@link SecureRandom}; with random 96-bit nonces keep the number of encryptions under
 * one key well below 2^32 (the keyring rotates data keys for that).
 *
 * <p>Security promise: the instance owns a private copy of the key, which {@link #destroy()} zeroes
 * (after that, every operation throws {@link IllegalStateException}); decryption fails with a terse
 * {@link GeneralSecurityException} and releases no plaintext unless the tag checks. {@link
 * #toString()} never shows the key. Thread-safe.
 */
public final class AesGcmAead implements Aead {

  static final int KEY_BYTES = 32;
  static final int NONCE_BYTES = 12;
  static final int TAG_BYTES = 16;

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final byte[] EMPTY = new byte[0];

  /**
   * One {@link Cipher} per thread, initialised anew for every call: {@code Cipher.getInstance} (a
   * provider lookup) was a tenth of a secret get. Holds no key between calls that a fresh instance
   * left as garbage would not also hold.
   */
  private static final ThreadLocal<Cipher> CIPHERS =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Cipher.getInstance(TRANSFORMATION);
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException(TRANSFORMATION + " is not available", e);
            }
          });

  private final SecretBytes key;
  private final SecureRandom random;

  /** An AEAD over a copy of {@code key32}, which must hold 32 bytes. */
  public AesGcmAead(SecretBytes key32) {
    this(key32, new SecureRandom());
  }

  AesGcmAead(SecretBytes key32, SecureRandom random) {
    Objects.requireNonNull(key32, "key");
    if (key32.length() != KEY_BYTES) {
      throw new IllegalArgumentException("AES-256-GCM needs a 32-byte key");
    }
    byte[] copy = key32.copyBytes();
    this.key = SecretBytes.adopt(copy);
    this.random = Objects.requireNonNull(random, "random");
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
    Objects.requireNonNull(plaintext, "plaintext");
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, associatedData);
    byte[] out = new byte[NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
    System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
    int written = cipher.doFinal(plaintext, 0, plaintext.length, out, NONCE_BYTES);
    if (written != out.length - NONCE_BYTES) {
      throw new GeneralSecurityException("encryption failed");
    }
    return out;
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
    Objects.requireNonNull(ciphertext, "ciphertext");
    if (ciphertext.length < NONCE_BYTES + TAG_BYTES) {
      throw new GeneralSecurityException("ciphertext too short");
    }
    byte[] nonce = Arrays.copyOf(ciphertext, NONCE_BYTES);
    Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, associatedData);
    try {
      return cipher.doFinal(ciphertext, NONCE_BYTES, ciphertext.length - NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      // AEADBadTagException and friends: one terse message, no detail worth leaking.
      throw new GeneralSecurityException("decryption failed");
    }
  }

  /** Zeroes this instance's copy of the key; idempotent. */
  public void destroy() {
    key.destroy();
  }

  public boolean isDestroyed() {
    return key.isDestroyed();
  }

  @Override
  public String toString() {
    return "AesGcmAead[key=redacted]";
  }

  private Cipher cipher(int mode, byte[] nonce, byte[] associatedData)
      throws GeneralSecurityException {
    byte[] raw = key.copyBytes();
    try {
      Cipher cipher = CIPHERS.get();
      cipher.init(mode, new SecretKeySpec(raw, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
      cipher.updateAAD(associatedData == null ? EMPTY : associatedData);
      return cipher;
    } finally {
      SecretBytes.wipe(raw);
    }
  }
}
