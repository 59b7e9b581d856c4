package io.spike.pilot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomeTest {

  @Test
  void human_namesVersionsWhenGiven() {
    assertThat(new Outcome("stored", "apps/web/db").human()).isEqualTo("stored apps/web/db");
    assertThat(new Outcome("deleted", "a", List.of(1, 2)).human())
        .isEqualTo("deleted versions 1, 2 of a");
    assertThat(new Outcome("deleted", "a", List.of(3)).human()).isEqualTo("deleted version 3 of a");
  }

  @Test
  void json_omitsEmptyVersions() {
    assertThat(Output.render(OutputFormat.JSON, new Outcome("stored", "a"), () -> ""))
        .isEqualTo("{\n  \"action\" : \"stored\",\n  \"target\" : \"a\"\n}\n");
  }
}
