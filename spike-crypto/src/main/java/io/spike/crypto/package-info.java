/**
 * The cryptography of spike-java: everything that touches key material lives here.
 *
 * <p>What is in this package:
 *
 * <ul>
 *   <li>{@link io.spike.crypto.SecretBytes}: the one holder of raw secret bytes (redacted {@code
 *       toString}, constant-time {@code equals}, {@code destroy()} zeroes).
 *   <li>{@link io.spike.crypto.Aead} and {@link io.spike.crypto.AesGcmAead}: authenticated
 *       encryption whose nonce is never the caller's business.
 *   <li>{@link io.spike.crypto.RootKey}: the P-256 scalar that everything hangs from, and its
 *       HKDF-SHA256 derivations.
 *   <li>{@link io.spike.crypto.Shard}, {@link io.spike.crypto.Shamir}, {@link
 *       io.spike.crypto.ShardText}: deterministic Shamir sharing of the root key over the P-256
 *       scalar field, and the {@code spike:<id>:<hex>} recovery-file format.
 *   <li>{@link io.spike.crypto.KeyCheck}: proves a reconstructed root key is the right one; {@link
 *       io.spike.crypto.ShardSearch} finds the subset of shards that passes it.
 *   <li>{@link io.spike.crypto.ShardCommitments}: public Feldman commitments that prove a single
 *       shard belongs to a root key without the other shards.
 *   <li>{@link io.spike.crypto.Keyring}: data keys by term, wrapped by the root key (envelope
 *       encryption).
 *   <li>{@link io.spike.crypto.PasswordEscrow}: the root key wrapped under an Argon2id key from an
 *       admin password.
 * </ul>
 *
 * <p>Security promises that hold for every type here: secret bytes never appear in {@code
 * toString}, exception messages or logs; anything holding a key can be destroyed, which zeroes the
 * bytes it owns; temporary copies are zeroed after use where the platform allows ({@link
 * java.math.BigInteger} and {@link javax.crypto.spec.SecretKeySpec} copies cannot be wiped and are
 * left to the garbage collector). Cryptographic failures are {@link
 * java.security.GeneralSecurityException} with terse messages; bad arguments are {@link
 * java.lang.IllegalArgumentException}; use after destroy is {@link
 * java.lang.IllegalStateException}.
 */
package io.spike.crypto;
