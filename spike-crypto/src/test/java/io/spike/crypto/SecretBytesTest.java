package io.spike.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretBytesTest {

  private static final byte[] SAMPLE = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

  @Test
  void toString_isRedacted() {
    SecretBytes s = SecretBytes.copyOf(SAMPLE);
    assertThat(s.toString()).isEqualTo("[redacted]");
    assertThat(String.valueOf(s)).doesNotContain("aabb").doesNotContain("11");
  }

  @Test
  void copyOf_copiesTheArgument() {
    byte[] source = SAMPLE.clone();
    SecretBytes s = SecretBytes.copyOf(source);
    source[0] = 42;
    assertThat(s.copyBytes()).isEqualTo(SAMPLE);
  }

  @Test
  void copyBytes_returnsAFreshCopyEachTime() {
    SecretBytes s = SecretBytes.copyOf(SAMPLE);
    byte[] first = s.copyBytes();
    first[0] = 42;
    assertThat(s.copyBytes()).isEqualTo(SAMPLE).isNotSameAs(s.copyBytes());
  }

  @Test
  void destroy_zeroesOwnedBytes() throws Exception {
    SecretBytes s = SecretBytes.copyOf(SAMPLE);
    Field field = SecretBytes.class.getDeclaredField("bytes");
    field.setAccessible(true);
    byte[] owned = (byte[]) field.get(s);
    s.destroy();
    assertThat(owned).containsOnly(0);
    assertThat(s.isDestroyed()).isTrue();
  }

  @Test
  void destroy_thenUse_throwsIllegalState() {
    SecretBytes s = SecretBytes.copyOf(SAMPLE);
    assertThat(s.isDestroyed()).isFalse();
    s.destroy();
    s.destroy();
    assertThatThrownBy(s::copyBytes).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(s::length).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void equals_comparesContents() {
    SecretBytes a = SecretBytes.copyOf(SAMPLE);
    SecretBytes b = SecretBytes.copyOf(SAMPLE.clone());
    byte[] other = SAMPLE.clone();
    other[15] ^= 1;
    assertThat(a).isEqualTo(b).isNotEqualTo(SecretBytes.copyOf(other));
    assertThat(a).isNotEqualTo(SecretBytes.copyOf(new byte[] {0, 0x11}));
    assertThat(a).isNotEqualTo(SAMPLE);
    assertThat(a.hashCode())
        .isEqualTo(b.hashCode())
        .isEqualTo(SecretBytes.copyOf(other).hashCode());
  }

  @Test
  void equals_destroyedEqualsOnlyItself() {
    SecretBytes a = SecretBytes.copyOf(SAMPLE);
    SecretBytes b = SecretBytes.copyOf(SAMPLE);
    a.destroy();
    assertThat(a).isEqualTo(a).isNotEqualTo(b);
    assertThat(b).isNotEqualTo(a);
  }

  @Test
  void random_hasRequestedLengthAndVaries() {
    SecretBytes a = SecretBytes.random(32, TestKeys.seeded(1));
    SecretBytes b = SecretBytes.random(32, TestKeys.seeded(2));
    assertThat(a.length()).isEqualTo(32);
    assertThat(a).isNotEqualTo(b);
    assertThat(SecretBytes.random(0, TestKeys.seeded(3)).length()).isZero();
    assertThatThrownBy(() -> SecretBytes.random(-1, TestKeys.seeded(3)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void wipe_zeroesEveryArrayAndSkipsNull() {
    byte[] a = SAMPLE.clone();
    byte[] b = {1, 2, 3};
    SecretBytes.wipe(a, null, b);
    assertThat(a).containsOnly(0);
    assertThat(b).containsOnly(0);
  }

  @Test
  void withBytes_lendsACopy_andWipesItAfterwards() {
    SecretBytes s = SecretBytes.copyOf(SAMPLE);
    byte[][] lent = new byte[1][];
    byte[] seen =
        s.withBytes(
            b -> {
              lent[0] = b;
              return b.clone();
            });
    assertThat(seen).isEqualTo(SAMPLE);
    assertThat(lent[0]).containsOnly(0);
    assertThat(s.copyBytes()).isEqualTo(SAMPLE);
  }

  @Test
  void withBytes_wipesTheCopy_whenTheUseThrows() {
    SecretBytes s = SecretBytes.copyOf(SAMPLE);
    byte[][] lent = new byte[1][];
    assertThatThrownBy(
            () ->
                s.withBytes(
                    b -> {
                      lent[0] = b;
                      throw new IllegalArgumentException("refused");
                    }))
        .hasMessage("refused");
    assertThat(lent[0]).containsOnly(0);
  }
}
