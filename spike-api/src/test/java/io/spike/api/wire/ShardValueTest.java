package io.spike.api.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.api.Json;
import io.spike.api.JsonAsserts;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShardValueTest {

  private static byte[] randomShard(long seed) {
    byte[] b = new byte[32];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  @Test
  void wire_isAnArrayOf32Ints_andRoundTrips() {
    byte[] raw = randomShard(7);
    raw[0] = (byte) 0xff;
    String json =
        new String(Json.encode(new ShardRequest(ShardValue.ofBytes(raw))), StandardCharsets.UTF_8);
    assertThat(json).startsWith("{\"shard\":[255,");
    ShardRequest back = Json.decode(json.getBytes(StandardCharsets.UTF_8), ShardRequest.class);
    assertThat(back.shard().copyBytes()).isEqualTo(raw);
  }

  @Test
  void ofInts_refusesWrongLengthOrRange() {
    assertThatThrownBy(() -> ShardValue.ofInts(new int[31]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ShardValue.ofInts(new int[33]))
        .isInstanceOf(IllegalArgumentException.class);
    int[] big = new int[32];
    big[5] = 256;
    assertThatThrownBy(() -> ShardValue.ofInts(big)).isInstanceOf(IllegalArgumentException.class);
    int[] neg = new int[32];
    neg[5] = -1;
    assertThatThrownBy(() -> ShardValue.ofInts(neg)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decode_badShard_isAJsonErrorNamingTheRule() {
    JsonAsserts.decodeFails("{\"id\":1,\"shard\":[1,2,3]}", RestoreRequest.class)
        .hasMessageContaining("32");
  }

  @Test
  void toString_neverShowsBytes() {
    byte[] raw = randomShard(11);
    ShardValue v = ShardValue.ofBytes(raw);
    String all =
        v
            + " "
            + new ShardRequest(v)
            + " "
            + new ShardResponse(v)
            + " "
            + new RestoreRequest(2, v)
            + " "
            + new RecoverResponse(Map.of("1", v));
    assertThat(all).doesNotContain(Integer.toString(raw[3] & 0xff) + ",").contains("redacted");
    assertThat(new RestoreRequest(2, v).toString()).contains("id=2");
  }

  @Test
  void destroy_zeroes_andIsZeroSeesIt() {
    ShardValue v = ShardValue.ofBytes(randomShard(3));
    assertThat(v.isZero()).isFalse();
    v.destroy();
    assertThat(v.isZero()).isTrue();
    assertThat(v.copyBytes()).containsOnly(0);
  }

  @Test
  void copyBytes_isACopy() {
    ShardValue v = ShardValue.ofBytes(randomShard(5));
    byte[] copy = v.copyBytes();
    copy[0] ^= 1;
    assertThat(v.copyBytes()).isNotEqualTo(copy);
  }

  @Test
  void secretRecords_printNoValues() {
    assertThat(new SecretPutRequest("a/b", Map.of("k", "VALUE1")).toString())
        .contains("k")
        .doesNotContain("VALUE1");
    assertThat(new SecretGetResponse(Map.of("k", "VALUE2"), 1).toString()).doesNotContain("VALUE2");
    assertThat(new PasswordRequest("hunter2hunter2").toString()).doesNotContain("hunter2");
    assertThat(new CipherPlaintext("PLAIN".getBytes(StandardCharsets.UTF_8)).toString())
        .doesNotContain("PLAIN");
  }

  @Test
  void withBytes_lendsTheBytes() {
    byte[] raw = randomShard(13);
    assertThat(ShardValue.ofBytes(raw).withBytes(byte[]::clone)).isEqualTo(raw);
  }
}
