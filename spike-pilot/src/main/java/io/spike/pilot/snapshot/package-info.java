/**
 * {@code spike snapshot save|inspect|verify|restore}: snapshots of the store (DESIGN §7.5) taken
 * online from Nexus or offline from a store, checked without a key ({@code inspect}), decrypted
 * record by record with the root key rebuilt from recovery shards or by a running Nexus ({@code
 * verify}), and loaded into an empty store of either backend ({@code restore}). The file format
 * itself lives in {@code io.spike.store.snapshot}.
 *
 * <p>Only a signature proves who wrote a snapshot: its checksums need no key, so anyone who can
 * write the backup directory can splice records in and rewrite them. {@link
 * io.spike.pilot.snapshot.SnapshotTrust} is the one rule restore and drill apply before they write
 * anything: a signed snapshot is always checked (recovery shards, or the running Nexus); an
 * unsigned one loads only with {@code --allow-unsigned}. Verify never calls an unsigned snapshot
 * verified. Restore and drill read a private copy ({@link io.spike.pilot.snapshot.PinnedSnapshot}),
 * so the file cannot be swapped between check and load.
 *
 * <p>Security: a snapshot holds ciphertext only. Offline verification rebuilds the root key from
 * shard files in memory, unwraps the keyring and decrypts each record only to prove it opens; every
 * key, shard and plaintext buffer is wiped after use, and reports name record places (paths,
 * versions, policy names), never values. Offline tools hold the SQLite store's {@code StoreLock},
 * so they never race a running Nexus.
 */
package io.spike.pilot.snapshot;
