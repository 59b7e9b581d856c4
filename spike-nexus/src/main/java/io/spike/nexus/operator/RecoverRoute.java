package io.spike.nexus.operator;

import io.spike.api.wire.Empty;
import io.spike.api.wire.RecoverResponse;
import io.spike.api.wire.ShardValue;
import io.spike.crypto.Shamir;
import io.spike.crypto.Shard;
import io.spike.crypto.ShardCommitments;
import io.spike.identity.SpiffeId;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.barrier.SealedException;
import io.spike.nexus.recovery.StoredCommitments;
import io.spike.server.pipeline.Reply;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/operator/recover}, registered by {@link OperatorRoutes}: every recovery shard of the
 * root key, {@code {shards:{"1":[32 ints],...}}}, for the pilot-recover role only (exact role,
 * never policies; even the superuser gets 401). {@link Shamir#split} is deterministic, so every
 * call returns the same shards for the same root key. The answer also carries the fingerprint of
 * the shards' commitments ({@link ShardCommitments}), the threshold and the share count. Sealed:
 * 503 (the route passes the barrier so that the role check comes first). Rate limited per caller.
 * The shards are wiped once the response is encoded and never logged.
 */
record RecoverRoute(
    Barrier barrier,
    OperatorRateLimit limit,
    StoredCommitments commitments,
    int shares,
    int threshold) {
  private static final Logger LOG = LoggerFactory.getLogger(RecoverRoute.class);

  Reply handle(SpiffeId caller, Empty request) {
    limit.check(caller);
    if (barrier.isSealed()) {
      throw new SealedException();
    }
    List<Shard> shards = barrier.withRootKey(key -> Shamir.split(key, shares, threshold));
    String fingerprint = barrier.withRootKey(commitments::forKey).fingerprint();
    Map<String, ShardValue> out = new TreeMap<>();
    try {
      for (Shard shard : shards) {
        out.put(String.valueOf(shard.id()), shard.withValueBytes(ShardValue::ofBytes));
      }
    } finally {
      shards.forEach(Shard::destroy);
    }
    LOG.info(
        "recover: {} recovery shards handed to {} (commitments {})",
        out.size(),
        caller,
        fingerprint);
    return Reply.sensitive(
        new RecoverResponse(out, fingerprint, threshold, shares),
        () -> out.values().forEach(ShardValue::destroy));
  }
}
