package io.spike.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The key-check value: an AEAD encryption of a fixed label under the root key ({@link
 * RootKey#aead()}, associated data {@code spike/key-check}). Nexus stores it and tests every
 * reconstructed key against it before adopting the key.
 *
 * <p>Contract: {@link #create} gives a fresh value each call (random nonce); {@link #matches} is
 * true exactly when the check was made under the same key. A wrong key, a corrupt or truncated
 * check, or an empty one all give {@code false}, never an exception.
 *
 * <p>Security promise: the check reveals nothing about the key beyond allowing a yes/no test;
 * derived keys are destroyed after use.
 */
public final class KeyCheck {

  static final byte[] LABEL = "spike key check v1".getBytes(StandardCharsets.UTF_8);
  static final byte[] ASSOCIATED_DATA = "spike/key-check".getBytes(StandardCharsets.UTF_8);

  private KeyCheck() {}

  /** A fresh key-check value for {@code key}. */
  public static byte[] create(RootKey key) throws GeneralSecurityException {
    Objects.requireNonNull(key, "key");
    AesGcmAead aead = key.aead();
    try {
      return aead.encrypt(LABEL, ASSOCIATED_DATA);
    } finally {
      aead.destroy();
    }
  }

  /** True when {@code check} was created under {@code key}. */
  public static boolean matches(RootKey key, byte[] check) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(check, "check");
    AesGcmAead aead = key.aead();
    try {
      return MessageDigest.isEqual(aead.decrypt(check, ASSOCIATED_DATA), LABEL);
    } catch (GeneralSecurityException e) {
      return false;
    } finally {
      aead.destroy();
    }
  }
}
