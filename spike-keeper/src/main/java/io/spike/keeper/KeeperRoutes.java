package io.spike.keeper;

import io.spike.api.Routes;
import io.spike.api.wire.Empty;
import io.spike.api.wire.ShardRequest;
import io.spike.api.wire.ShardResponse;
import io.spike.api.wire.ShardValue;
import io.spike.identity.Role;
import io.spike.identity.SpiffeId;
import io.spike.identity.TrustRoots;
import io.spike.server.pipeline.Guard;
import io.spike.server.pipeline.Reply;
import io.spike.server.pipeline.Route;
import io.spike.server.pipeline.RouteTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keeper's two routes, neither served by a sealed server (a keeper is never sealed):
 *
 * <ul>
 *   <li>{@code /v1/store/contribute}: {@code {shard:[32 ints]}} → {@code {}}; Nexus or bootstrap
 *       only. Nexus may replace the shard at any time (it pushes shards after every unseal and
 *       after a root-key rotation). Bootstrap only seeds: a keeper that already holds a shard
 *       refuses it as a conflict, unless it is the very shard held (a retried seeding), so a stolen
 *       bootstrap SVID cannot overwrite the shards of a live system and leave the next Nexus
 *       restart without its key. An all-zero or missing shard is refused as invalid. The request's
 *       shard is wiped after use.
 *   <li>{@code /v1/store/shard}: {@code {}} → {@code {shard:[32 ints]}}; Nexus only; refused as not
 *       found when no shard is held. The copy handed out is wiped once the answer is encoded.
 * </ul>
 */
final class KeeperRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(KeeperRoutes.class);

  private KeeperRoutes() {}

  static RouteTable table(ShardSlot slot, TrustRoots trust) {
    return RouteTable.builder()
        .add(
            Routes.KEEPER_CONTRIBUTE,
            Routes.ACTION_DEFAULT,
            Route.of(
                ShardRequest.class,
                Guard.anyRole(trust, Role.NEXUS, Role.BOOTSTRAP),
                (caller, request) ->
                    contribute(slot, trust.holds(Role.NEXUS, caller), caller, request)))
        .add(
            Routes.KEEPER_SHARD,
            Routes.ACTION_DEFAULT,
            Route.of(
                Empty.class,
                Guard.role(Role.NEXUS, trust),
                (caller, request) -> {
                  ShardValue shard =
                      slot.get()
                          .orElseThrow(
                              () ->
                                  KeeperRefusal.of(KeeperRefusal.Kind.NOT_FOUND, "no shard held"));
                  return Reply.sensitive(new ShardResponse(shard), shard::destroy);
                }))
        .build();
  }

  private static Reply contribute(
      ShardSlot slot, boolean fromNexus, SpiffeId caller, ShardRequest request) {
    ShardValue shard = request.shard();
    if (shard == null) {
      throw KeeperRefusal.of(KeeperRefusal.Kind.INVALID, "shard is missing");
    }
    try {
      if (shard.isZero()) {
        throw KeeperRefusal.of(KeeperRefusal.Kind.INVALID, "shard is all zeros");
      }
      boolean changed = fromNexus ? slot.put(shard) : slot.seed(shard);
      if (changed) {
        LOG.info("new shard received from {}", caller);
      } else {
        LOG.debug("same shard received again from {}", caller);
      }
      return Reply.EMPTY;
    } catch (ShardSlot.AlreadySeededException e) {
      throw KeeperRefusal.of(
          KeeperRefusal.Kind.CONFLICT,
          "this keeper already holds a shard; bootstrap seeds empty keepers only");
    } finally {
      shard.destroy();
    }
  }
}
