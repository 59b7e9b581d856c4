/**
 * Snapshots: one file holding every record of a store, as stored (ciphertext only; a snapshot never
 * holds plaintext), checkable without any key, and restorable into any backend.
 *
 * <p>{@link io.spike.store.snapshot.SnapshotWriter} takes one from a consistent read of a store;
 * {@link io.spike.store.snapshot.SnapshotReader} inspects it (structure and every checksum,
 * keyless: any changed, missing or added byte is found and its section named), streams its records
 * and checks its HMAC; {@link io.spike.store.snapshot.SnapshotRestorer} loads it into a store in
 * one transaction. The layout is in {@code docs/ARCHITECTURE.md} ("Snapshots and backups"). The
 * HMAC key comes in as bytes, so this package needs no crypto module.
 */
package io.spike.store.snapshot;
