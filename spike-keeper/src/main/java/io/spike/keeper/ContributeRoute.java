package io.spike.keeper;

import io.spike.api.ErrorCode;
import io.spike.api.wire.ShardRequest;
import io.spike.api.wire.ShardValue;
import io.spike.identity.Role;
import io.spike.identity.SpiffeId;
import io.spike.server.pipeline.ApiRefusal;
import io.spike.server.pipeline.Guard;
import io.spike.server.pipeline.Reply;
import io.spike.server.pipeline.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/store/contribute}: {@code {shard:[32 ints]}} → {@code {}}; Nexus or bootstrap only.
 *
 * <p>Nexus may replace the shard at any time (it pushes shards after every unseal and after a
 * root-key rotation). Bootstrap only seeds: a keeper that already holds a shard answers it 409
 * {@code state_conflict}, unless it is the very shard held (a retried seeding), so a stolen
 * bootstrap SVID cannot overwrite the shards of a live system and leave the next Nexus restart
 * without its key. An all-zero or missing shard is 400. The request's shard is wiped after use.
 */
final class ContributeRoute implements Route<ShardRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(ContributeRoute.class);

  private final ShardSlot slot;
  private final String trustDomain;
  private final Guard<ShardRequest> guard;

  ContributeRoute(ShardSlot slot, String trustDomain) {
    this.slot = slot;
    this.trustDomain = trustDomain;
    this.guard = Guard.anyRole(trustDomain, Role.NEXUS, Role.BOOTSTRAP);
  }

  @Override
  public Class<ShardRequest> requestType() {
    return ShardRequest.class;
  }

  @Override
  public Guard<ShardRequest> guard() {
    return guard;
  }

  @Override
  public Reply handle(SpiffeId caller, ShardRequest request) {
    ShardValue shard = request.shard();
    if (shard == null) {
      throw ApiRefusal.badRequest("shard is missing");
    }
    try {
      if (shard.isZero()) {
        throw ApiRefusal.badRequest("shard is all zeros");
      }
      boolean changed = Role.NEXUS.holds(caller, trustDomain) ? slot.put(shard) : slot.seed(shard);
      if (changed) {
        LOG.info("new shard received from {}", caller);
      } else {
        LOG.debug("same shard received again from {}", caller);
      }
      return Reply.EMPTY;
    } catch (ShardSlot.AlreadySeededException e) {
      throw new ApiRefusal(
          ErrorCode.CONFLICT,
          "this keeper already holds a shard; bootstrap seeds empty keepers only");
    } finally {
      shard.destroy();
    }
  }
}
