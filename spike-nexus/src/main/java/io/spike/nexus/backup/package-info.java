/**
 * Backups: snapshots of the live store ({@link io.spike.nexus.backup.Snapshots}, signed with a key
 * derived from the root key), the {@code /v1/operator/snapshot} routes (stream one out, {@code
 * ?action=verify} one in), {@link io.spike.nexus.backup.SnapshotVerifier} (proves a file good with
 * a root key without restoring it), {@link io.spike.nexus.backup.BackupScheduler} (snapshot files
 * on a schedule, the newest K kept, Prometheus meters) and {@link
 * io.spike.nexus.backup.BackupVerifier} (the newest backup at the target downloaded, restored into
 * a scratch store and decrypted on a schedule).
 *
 * <p>The file format itself lives in {@code io.spike.store.snapshot}, shared with the CLI. A
 * snapshot holds ciphertext only; nothing here logs a record's contents.
 */
package io.spike.nexus.backup;
