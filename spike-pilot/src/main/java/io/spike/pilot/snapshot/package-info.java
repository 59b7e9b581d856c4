/**
 * {@code spike snapshot save|inspect|verify|restore}: snapshots of the store (DESIGN §7.5) taken
 * online from Nexus or offline from a store, checked without a key ({@code inspect}), decrypted
 * record by record with the root key rebuilt from recovery shards or by a running Nexus
 * ({@code verify}), and loaded into an empty store of either backend ({@code restore}). The file
 * format itself lives in {@code io.spike.store.snapshot}.
 *
 * <p>Security: a snapshot holds ciphertext only. Offline verification rebuilds the root key from
 * shard files in memory, unwraps the keyring and decrypts each record only to prove it opens;
 * every key, shard and plaintext buffer is wiped after use, and reports name record places
 * (paths, versions, policy names), never values. Offline tools hold the SQLite store's
 * {@code StoreLock}, so they never race a running Nexus.
 */
package io.spike.pilot.snapshot;
