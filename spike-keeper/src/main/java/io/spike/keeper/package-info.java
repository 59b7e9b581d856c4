/**
 * The keeper: a tiny mTLS server that holds one Shamir shard of the Nexus root key.
 *
 * <p>The shard lives in memory only ({@link io.spike.keeper.ShardSlot}), never on disk and never in
 * a log line. Two routes: {@code /v1/store/contribute} (nexus or bootstrap may hand over a shard)
 * and {@code /v1/store/shard} (only nexus may read it back). Everyone else gets 401.
 */
package io.spike.keeper;
