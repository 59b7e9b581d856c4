package io.spike.nexus.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.api.wire.ShardValue;
import io.spike.crypto.Shard;
import io.spike.nexus.refusal.Refusal;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SubmittedShardTest {

  @Test
  void parse_aScalar_givesTheShard() {
    byte[] value = new byte[32];
    value[31] = 7;
    Shard shard = SubmittedShard.parse(2, ShardValue.ofBytes(value));

    assertThat(shard.id()).isEqualTo(2);
    assertThat(shard).isEqualTo(Shard.of(2, value));
  }

  @Test
  void parse_missingZeroOrOutOfRange_is400NamingTheIdOnly() {
    byte[] high = new byte[32];
    Arrays.fill(high, (byte) 0xff);
    assertThatThrownBy(() -> SubmittedShard.parse(1, null))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("shard is required");
    assertThatThrownBy(() -> SubmittedShard.parse(3, ShardValue.ofBytes(new byte[32])))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("shard 3 is all zeros");
    assertThatThrownBy(() -> SubmittedShard.parse(3, ShardValue.ofBytes(high)))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("shard 3 is out of range")
        .message()
        .doesNotContain("255");
  }
}
