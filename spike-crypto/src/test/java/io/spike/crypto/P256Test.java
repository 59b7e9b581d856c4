package io.spike.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class P256Test {

  private static final BigInteger N = P256.ORDER;

  @Test
  void order_isTheP256GroupOrder() {
    assertThat(N.toString(16))
        .isEqualTo("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
    assertThat(N.isProbablePrime(64)).isTrue();
  }

  @Test
  void isBelowOrder_edgeValues() {
    assertThat(P256.isBelowOrder(P256.toFixed32(BigInteger.ZERO))).isTrue();
    assertThat(P256.isBelowOrder(P256.toFixed32(N.subtract(BigInteger.ONE)))).isTrue();
    assertThat(P256.isBelowOrder(P256.toFixed32(N))).isFalse();
    assertThat(P256.isBelowOrder(P256.toFixed32(N.add(BigInteger.ONE)))).isFalse();
    assertThat(P256.isBelowOrder(new byte[31])).isFalse();
    assertThat(P256.isBelowOrder(new byte[33])).isFalse();
  }

  @Test
  void isBelowOrder_agreesWithBigInteger_nearAndFarFromN() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      byte[] b = P256.toFixed32(N);
      // Perturb a random suffix so many values share a long prefix with n.
      for (int j = random.nextInt(32); j < 32; j++) {
        b[j] = (byte) random.nextInt(256);
      }
      boolean expected = new BigInteger(1, b).compareTo(N) < 0;
      assertThat(P256.isBelowOrder(b)).as("case %d", i).isEqualTo(expected);
    }
  }

  @Test
  void isValidScalar_rejectsZero() {
    assertThat(P256.isValidScalar(new byte[32])).isFalse();
    assertThat(P256.isValidScalar(P256.toFixed32(BigInteger.ONE))).isTrue();
  }

  @Test
  void toFixed32_padsAndStripsSignByte() {
    assertThat(P256.toFixed32(BigInteger.ONE)).hasSize(32).endsWith(1);
    assertThat(P256.toFixed32(N)).hasSize(32).startsWith((byte) 0xff);
  }
}
