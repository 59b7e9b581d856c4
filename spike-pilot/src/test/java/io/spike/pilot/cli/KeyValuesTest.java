package io.spike.pilot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyValuesTest {

  @Test
  void parse_splitsAtTheFirstEquals() {
    assertThat(KeyValues.parse(List.of("user=u", "url=a=b==", "empty=")))
        .containsExactly(Map.entry("empty", ""), Map.entry("url", "a=b=="), Map.entry("user", "u"));
  }

  @Test
  void parse_refusesMissingKey_withoutEchoingTheText() {
    assertThatThrownBy(() -> KeyValues.parse(List.of("a=1", "=secret")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("pair 2")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> KeyValues.parse(List.of("hunter2")))
        .isInstanceOf(UsageException.class)
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void parse_refusesRepeatedKey() {
    assertThatThrownBy(() -> KeyValues.parse(List.of("a=1", "a=2")))
        .hasMessageContaining("'a' is given twice");
  }

  @Test
  void parse_refusesNoPairs_andControlCharactersInKeys() {
    assertThatThrownBy(() -> KeyValues.parse(List.of())).isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> KeyValues.parse(List.of("a\nb=1")))
        .hasMessageContaining("control character");
  }
}
