/**
 * Encryption as a service: {@code /v1/cipher/encrypt} and {@code /v1/cipher/decrypt} under the
 * keyring's data keys with associated data {@code cipher}. The wire splits the keyring ciphertext
 * {@code term | nonce | ciphertext+tag} into {@code version}, {@code nonce} and {@code ciphertext}.
 * Callers need {@code execute} on {@code spike/system/cipher/exec}.
 */
package io.spike.nexus.cipher;
