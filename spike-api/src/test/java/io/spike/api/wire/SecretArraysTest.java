package io.spike.api.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretArraysTest {
  private static final byte[] OWNED = {1, 2, 3, 4};

  @Test
  void lend_givesACopy_andZeroesItAfterwards() {
    byte[] owned = OWNED.clone();
    byte[][] lent = new byte[1][];

    byte[] seen =
        SecretArrays.lend(
            owned,
            b -> {
              lent[0] = b;
              b[0] = 9;
              return b.clone();
            });

    assertThat(seen).containsExactly(9, 2, 3, 4);
    assertThat(lent[0]).isNotSameAs(owned).containsOnly(0);
    assertThat(owned).isEqualTo(OWNED);
  }

  @Test
  void lend_zeroesTheCopy_whenTheUseThrows() {
    byte[][] lent = new byte[1][];

    assertThatThrownBy(
            () ->
                SecretArrays.lend(
                    OWNED,
                    b -> {
                      lent[0] = b;
                      throw new IllegalStateException("refused");
                    }))
        .hasMessage("refused");

    assertThat(lent[0]).containsOnly(0);
  }
}
