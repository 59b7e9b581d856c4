package io.spike.store.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SnapshotCountsTest {

  @Test
  void total_addsEveryKind() {
    assertThat(new SnapshotCounts(1, 20, 300, 4000).total()).isEqualTo(4321);
  }

  @Test
  void negativeCounts_areRefused() {
    assertThatThrownBy(() -> new SnapshotCounts(0, -1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
