package io.spike.pilot.testing;

import io.spike.api.wire.RecoverResponse;
import io.spike.api.wire.ShardValue;
import io.spike.crypto.RootKey;
import io.spike.crypto.Shamir;
import io.spike.crypto.Shard;
import io.spike.crypto.ShardText;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real recovery shards of a fresh root key (3 shares, threshold 2), as text and as Nexus sends
 * them.
 */
public final class TestShards {
  private final List<Shard> shards;

  public TestShards() {
    RootKey key = RootKey.generate(new SecureRandom());
    shards = Shamir.split(key, 3, 2);
    key.destroy();
  }

  /** {@code spike:<id>:<hex>} of shard {@code id} (1-based). */
  public String text(int id) {
    return ShardText.encode(shards.get(id - 1));
  }

  /** The 64 hex digits of shard {@code id}: what must never appear in output or logs. */
  public String hex(int id) {
    return text(id).substring(text(id).lastIndexOf(':') + 1);
  }

  /** The shard's value as the JSON int array a request body carries, e.g. {@code [12,250,...]}. */
  public String wireInts(int id) {
    return FakeServer.json(value(id));
  }

  /** The JSON body of a recover answer holding every shard. */
  public String recoverJson() {
    Map<String, ShardValue> map = new LinkedHashMap<>();
    for (Shard s : shards) {
      map.put(String.valueOf(s.id()), value(s.id()));
    }
    return FakeServer.json(new RecoverResponse(map));
  }

  private ShardValue value(int id) {
    return shards.get(id - 1).withValueBytes(ShardValue::ofBytes);
  }
}
