package io.spike.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Argon2ParamsTest {

  @Test
  void default_is64MiBThreePassesOneLane() {
    assertThat(Argon2Params.DEFAULT).isEqualTo(new Argon2Params(65536, 3, 1));
  }

  @Test
  void constructor_outOfBounds_rejected() {
    int[][] bad = {
      {7, 1, 1},
      {15, 1, 2},
      {(1 << 18) + 1, 1, 1},
      {8, 0, 1},
      {8, 11, 1},
      {8, 1, 0},
      {256, 1, 17},
      {-1, 1, 1}
    };
    for (int[] p : bad) {
      assertThatThrownBy(() -> new Argon2Params(p[0], p[1], p[2]))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(new Argon2Params(1 << 18, 10, 16).parallelism()).isEqualTo(16);
  }

  @Test
  void constructor_costAbove256MiBOr10Passes_isRefusedNamingTheBound() {
    assertThatThrownBy(() -> new Argon2Params((256 << 10) + 1, 3, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("256 MiB")
        .hasMessageNotContaining(String.valueOf((256 << 10) + 1));
    assertThatThrownBy(() -> new Argon2Params(1 << 20, 3, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Argon2Params(64 << 10, 11, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10 passes")
        .hasMessageNotContaining("11");
    assertThatThrownBy(() -> new Argon2Params(64 << 10, 64, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new Argon2Params(256 << 10, 10, 1).memoryKiB()).isEqualTo(256 << 10);
  }
}
