package io.spike.nexus.operator;

import io.spike.api.wire.Empty;
import io.spike.api.wire.RecoverResponse;
import io.spike.api.wire.ShardValue;
import io.spike.crypto.Shamir;
import io.spike.crypto.Shard;
import io.spike.identity.SpiffeId;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.barrier.SealedException;
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
 * call returns the same shards for the same root key. Sealed: 503 (the route passes the barrier so
 * that the role check comes first). Rate limited per caller. The shards are wiped once the response
 * is encoded and never logged.
 */
record RecoverRoute(Barrier barrier, OperatorRateLimit limit, int shares, int threshold) {
  private static final Logger LOG = LoggerFactory.getLogger(RecoverRoute.class);

  Reply handle(SpiffeId caller, Empty request) {
    limit.check(caller);
    if (barrier.isSealed()) {
      throw new SealedException();
    }
    List<Shard> shards = barrier.withRootKey(key -> Shamir.split(key, shares, threshold));
    Map<String, ShardValue> out = new TreeMap<>();
    try {
      for (Shard shard : shards) {
        out.put(String.valueOf(shard.id()), shard.withValueBytes(ShardValue::ofBytes));
      }
    } finally {
      shards.forEach(Shard::destroy);
    }
    LOG.info("recover: {} recovery shards handed to {}", out.size(), caller);
    return Reply.sensitive(
        new RecoverResponse(out), () -> out.values().forEach(ShardValue::destroy));
  }
}
