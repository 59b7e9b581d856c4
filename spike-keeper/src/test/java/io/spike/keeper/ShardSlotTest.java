package io.spike.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.wire.ShardValue;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ShardSlotTest {
  private final ShardSlot slot = new ShardSlot();

  private static ShardValue shard(int fill) {
    byte[] b = new byte[32];
    Arrays.fill(b, (byte) fill);
    return ShardValue.ofBytes(b);
  }

  @Test
  void get_empty_isEmpty() {
    assertThat(slot.get()).isEmpty();
  }

  @Test
  void put_then_get_returnsCopy() {
    slot.put(shard(7));
    ShardValue first = slot.get().orElseThrow();
    first.destroy();
    assertThat(slot.get()).contains(shard(7));
  }

  @Test
  void put_replacesPrevious() {
    slot.put(shard(1));
    slot.put(shard(2));
    assertThat(slot.get()).contains(shard(2));
  }

  @Test
  void put_doesNotKeepCallersArray() {
    ShardValue given = shard(9);
    slot.put(given);
    given.destroy();
    assertThat(slot.get()).contains(shard(9));
  }

  @Test
  void clear_forgetsShard() {
    slot.put(shard(3));
    slot.clear();
    assertThat(slot.get()).isEmpty();
    assertThat(slot.isFilled()).isFalse();
  }

  @Test
  void toString_neverShowsShard() {
    slot.put(shard(0x5a));
    assertThat(slot.toString())
        .isEqualTo("ShardSlot[filled]")
        .doesNotContain("5a")
        .doesNotContain("90");
  }

  @Test
  void seed_fillsAnEmptySlot_acceptsTheSameShard_refusesAnother() {
    assertThat(slot.seed(shard(1))).isTrue();
    assertThat(slot.seed(shard(1))).isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> slot.seed(shard(2)))
        .isInstanceOf(ShardSlot.AlreadySeededException.class)
        .hasMessageNotContaining("2");
    assertThat(slot.get()).contains(shard(1));
  }
}
