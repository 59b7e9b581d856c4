package io.spike.crypto;

import java.security.GeneralSecurityException;

/**
 * Authenticated encryption with associated data.
 *
 * <p>Contract: {@link #encrypt} makes a fresh nonce itself every call and returns a self-contained
 * ciphertext; {@link #decrypt} accepts exactly what {@code encrypt} produced with the same key and
 * the same associated data, and throws {@link GeneralSecurityException} on anything else (a flipped
 * bit, a truncation, an extension, other associated data, another key). Associated data is
 * authenticated, not encrypted; it binds a ciphertext to its place (for example {@code
 * secret|<path>|<version>}). A {@code null} associated data is the same as an empty one.
 *
 * <p>Security promise: implementations never reuse a nonce under one key on purpose, never release
 * plaintext from a ciphertext that fails authentication, and never put key or plaintext bytes in
 * exception messages.
 */
public interface Aead {

  /** Encrypts and authenticates {@code plaintext}, binding it to {@code associatedData}. */
  byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException;

  /** Checks and decrypts; throws {@link GeneralSecurityException} when anything is off. */
  byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException;
}
