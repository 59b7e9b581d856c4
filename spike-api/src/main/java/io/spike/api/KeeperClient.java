package io.spike.api;

import io.spike.api.wire.Empty;
import io.spike.api.wire.ShardRequest;
import io.spike.api.wire.ShardResponse;
import io.spike.api.wire.ShardValue;
import java.util.Optional;

/**
 * Talks to one keeper: give it its shard, or ask for it back.
 *
 * @param http the HTTP client bound to the keeper
 */
public record KeeperClient(SpikeHttp http) {

  /** Hands the keeper its shard (nexus or bootstrap only). */
  public void contribute(ShardValue shard) {
    http.post(
        Routes.KEEPER_CONTRIBUTE, Routes.ACTION_DEFAULT, new ShardRequest(shard), Empty.class);
  }

  /** The keeper's shard, or empty when it holds none (404). */
  public Optional<ShardValue> shard() {
    try {
      ShardResponse response =
          http.post(
              Routes.KEEPER_SHARD, Routes.ACTION_DEFAULT, Empty.INSTANCE, ShardResponse.class);
      return Optional.ofNullable(response.shard());
    } catch (ApiException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
