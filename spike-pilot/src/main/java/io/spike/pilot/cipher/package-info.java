/**
 * {@code spike cipher encrypt|decrypt}: Nexus encrypts and decrypts data it does not store. The
 * ciphertext travels as a JSON document {@code {version, nonce, ciphertext}}; plaintext arrays are
 * zeroed after use and plaintext files are written owner-only.
 */
package io.spike.pilot.cipher;
