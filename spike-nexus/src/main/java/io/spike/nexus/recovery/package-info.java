/**
 * Recovery from keepers (DESIGN §7.1) and from an operator's recovery shards (§7.3). Nexus starts
 * sealed; {@link io.spike.nexus.recovery.KeeperSync} asks every keeper for its shard with capped
 * exponential backoff and jitter, keeping shards across rounds, until {@link
 * io.spike.nexus.recovery.KeyRecovery} finds threshold shards that pass the store's key check (or,
 * on first boot, adopts the key bootstrap seeded). Keepers whose shard differs from the one the
 * recovered key implies are named in a warning and ignored. Once unsealed, each keeper gets its
 * shard pushed right away and every update interval.
 *
 * <p>Before each push it checks the root key against the store's key check and re-seals when
 * another replica rotated it.
 *
 * <p>{@link io.spike.nexus.recovery.RestoreSession} collects the shards an operator feeds a sealed
 * Nexus after losing every keeper, checks the reconstructed key the same way (never adopting a key
 * the store does not know) and names wrong shards.
 *
 * <p>{@link io.spike.nexus.recovery.StoredCommitments} keeps the public Feldman commitments of the
 * current root key's shards: stored at first boot, root rotation and the first unseal after an
 * upgrade; keeper sync and restore check every shard against them on arrival, so a wrong one is
 * named at once and never used.
 *
 * <p>Shards and keys are zeroed after use and never logged.
 */
package io.spike.nexus.recovery;
