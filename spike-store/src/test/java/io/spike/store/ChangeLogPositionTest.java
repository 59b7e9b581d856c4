package io.spike.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeLogPositionTest {

  @Test
  void newLogId_isRandomHex() {
    String id = ChangeLogPosition.newLogId();
    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(ChangeLogPosition.newLogId()).isNotEqualTo(id);
  }

  @Test
  void invalidIdsAndNegativeSeqs_areRefused() {
    for (String bad : List.of("", "a/b", "..", ".hidden", "a b", "x".repeat(65), "é")) {
      assertThatThrownBy(() -> new ChangeLogPosition(bad, 0))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> new ChangeLogPosition("a", -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new ChangeLogPosition("A-z_9", 3).lastSeq()).isEqualTo(3);
  }
}
