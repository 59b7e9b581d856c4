package io.spike.store.changelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChainStateTest {

  @Test
  void initial_isSequenceZeroAndZeroChains() {
    ChainState initial = ChainState.initial();
    assertThat(initial.lastSeq()).isZero();
    assertThat(initial.sha()).containsOnly(0).hasSize(32);
    assertThat(initial.isInitial()).isTrue();
    byte[] one = new byte[32];
    one[31] = 1;
    assertThat(new ChainState(0, one, new byte[32]).isInitial()).isFalse();
  }

  @Test
  void valuesAreCopied_comparedByContent_andChecked() {
    byte[] sha = new byte[32];
    ChainState state = new ChainState(3, sha, new byte[32]);
    sha[0] = 1;
    state.sha()[1] = 1;
    assertThat(state).isEqualTo(new ChainState(3, new byte[32], new byte[32]));
    assertThat(state.toString()).contains("lastSeq=3");
    assertThatThrownBy(() -> new ChainState(1, new byte[31], new byte[32]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ChainState(-1, new byte[32], new byte[32]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
