package io.spike.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ShardTest {

  private static byte[] value(int fill) {
    byte[] v = new byte[32];
    Arrays.fill(v, (byte) fill);
    return v;
  }

  @Test
  void of_validIdsAndValues_accepted() {
    assertThat(Shard.of(1, value(1)).id()).isEqualTo(1);
    assertThat(Shard.of(255, value(2)).id()).isEqualTo(255);
    assertThat(Shard.of(3, new byte[32]).value().copyBytes()).containsOnly(0);
    byte[] max = P256.toFixed32(P256.ORDER.subtract(BigInteger.ONE));
    assertThat(Shard.of(3, max).value().copyBytes()).isEqualTo(max);
  }

  @Test
  void of_badIdLengthOrRange_rejected() {
    assertThatThrownBy(() -> Shard.of(0, value(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Shard.of(256, value(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Shard.of(-1, value(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Shard.of(1, new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Shard.of(1, new byte[33]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Shard.of(1, P256.toFixed32(P256.ORDER)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("ffffffff");
    assertThatThrownBy(() -> Shard.of(1, value(0xff))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void of_copiesArgument_valueReturnsCopies() {
    byte[] v = value(5);
    Shard s = Shard.of(2, v);
    v[0] = 0;
    assertThat(s.value().copyBytes()).isEqualTo(value(5));
    s.value().destroy();
    assertThat(s.value().copyBytes()).isEqualTo(value(5));
  }

  @Test
  void toString_showsIdOnly() {
    assertThat(Shard.of(7, value(0xab)).toString())
        .isEqualTo("Shard[id=7, value=redacted]")
        .doesNotContain("abab");
  }

  @Test
  void equals_byIdAndValue() {
    assertThat(Shard.of(1, value(1)))
        .isEqualTo(Shard.of(1, value(1)))
        .isNotEqualTo(Shard.of(2, value(1)))
        .isNotEqualTo(Shard.of(1, value(2)))
        .hasSameHashCodeAs(Shard.of(1, value(2)));
  }

  @Test
  void destroy_thenValue_throwsIllegalState_idStillKnown() {
    Shard s = Shard.of(4, value(4));
    s.destroy();
    assertThat(s.isDestroyed()).isTrue();
    assertThat(s.id()).isEqualTo(4);
    assertThatThrownBy(s::value).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void withValueBytes_lendsTheValue_andWipesTheCopy() {
    Shard s = Shard.of(3, value(3));
    byte[][] lent = new byte[1][];
    Shard copy =
        s.withValueBytes(
            b -> {
              lent[0] = b;
              return Shard.of(s.id(), b);
            });
    assertThat(copy).isEqualTo(s);
    assertThat(lent[0]).containsOnly(0);
    assertThat(s.isDestroyed()).isFalse();
  }
}
