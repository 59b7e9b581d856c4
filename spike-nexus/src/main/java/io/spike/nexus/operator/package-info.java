/**
 * Break-glass and key-maintenance routes of the operator (DESIGN §3, §7.2–7.4).
 *
 * <ul>
 *   <li>{@code /v1/operator/recover} (pilot-recover role): every recovery shard of the root key;
 *   <li>{@code /v1/operator/restore} (pilot-restore role, sealed only): feeds one shard to the
 *       {@link io.spike.nexus.recovery.RestoreSession};
 *   <li>{@code /v1/operator/verify-shard} (pilot-recover or pilot-restore role, sealed too): one
 *       shard checked against the stored shard commitments ({@link
 *       io.spike.nexus.recovery.StoredCommitments});
 *   <li>{@code /v1/operator/unseal} (pilot-restore role, sealed only) and {@code
 *       /v1/operator/escrow} (superuser): password escrow ({@link io.spike.nexus.operator.Escrow});
 *   <li>{@code /v1/operator/rotate} (superuser): data keys or root key ({@link
 *       io.spike.nexus.operator.KeyRotation}).
 * </ul>
 *
 * <p>Role routes take the exact role, never policies. Restore, verify-shard, unseal and recover are
 * rate limited per SPIFFE ID ({@link io.spike.nexus.operator.OperatorRateLimit}); wrong escrow
 * passwords back off ({@link io.spike.nexus.operator.PasswordAttempts}). Shards, keys and passwords
 * never reach a log, an exception message or a {@code toString}.
 */
package io.spike.nexus.operator;
