package io.spike.keeper;

import io.spike.api.ErrorCode;
import io.spike.api.wire.Empty;
import io.spike.api.wire.ShardResponse;
import io.spike.api.wire.ShardValue;
import io.spike.identity.Role;
import io.spike.identity.SpiffeId;
import io.spike.server.pipeline.ApiRefusal;
import io.spike.server.pipeline.Guard;
import io.spike.server.pipeline.Reply;
import io.spike.server.pipeline.Route;

/**
 * {@code /v1/store/shard}: {@code {}} → {@code {shard:[32 ints]}}; Nexus only; 404 when no shard is
 * held. The copy handed out is wiped once the answer is encoded.
 */
final class ShardRoute implements Route<Empty> {
  private final ShardSlot slot;
  private final Guard<Empty> guard;

  ShardRoute(ShardSlot slot, String trustDomain) {
    this.slot = slot;
    this.guard = Guard.role(Role.NEXUS, trustDomain);
  }

  @Override
  public Class<Empty> requestType() {
    return Empty.class;
  }

  @Override
  public Guard<Empty> guard() {
    return guard;
  }

  @Override
  public Reply handle(SpiffeId caller, Empty request) {
    ShardValue shard =
        slot.get().orElseThrow(() -> new ApiRefusal(ErrorCode.NOT_FOUND, "no shard held"));
    return Reply.sensitive(new ShardResponse(shard), shard::destroy);
  }
}
