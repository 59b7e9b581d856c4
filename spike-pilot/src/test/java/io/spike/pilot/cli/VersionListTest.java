package io.spike.pilot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class VersionListTest {

  @Test
  void parse_readsCommaSeparatedNumbers() {
    assertThat(VersionList.parse("1,2, 10")).containsExactly(1, 2, 10);
    assertThat(VersionList.parse("0")).containsExactly(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1,", ",1", "a", "1;2", "-1", "1,1", "1.5", "9999999999"})
  void parse_refusesMalformedLists(String text) {
    assertThatThrownBy(() -> VersionList.parse(text)).isInstanceOf(TypeConversionException.class);
  }

  @Test
  void single_acceptsZeroAndUp_only() {
    assertThat(new VersionList.Single().convert("3")).isEqualTo(3);
    assertThatThrownBy(() -> new VersionList.Single().convert("three"))
        .isInstanceOf(TypeConversionException.class);
  }
}
