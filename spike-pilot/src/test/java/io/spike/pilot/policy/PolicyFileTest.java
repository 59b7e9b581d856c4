package io.spike.pilot.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.pilot.cli.UsageException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyFileTest {

  private static PolicySpec parse(String text) {
    return PolicyFile.parse(text.getBytes(StandardCharsets.UTF_8), "p.yaml");
  }

  @Test
  void parse_readsSpikeYaml() {
    PolicySpec spec =
        parse(
            "name: \"web\"\nspiffeidPattern: \"^spiffe://spike\\\\.ist/web/.*$\"\n"
                + "pathPattern: \"^apps/web/.*$\"\npermissions:\n  - read\n  - list\n");

    assertThat(spec)
        .isEqualTo(
            new PolicySpec(
                "web", "^spiffe://spike\\.ist/web/.*$", "^apps/web/.*$", List.of("read", "list")));
  }

  @Test
  void parse_readsJson_andCommaString() {
    PolicySpec spec =
        parse(
            "{\"name\":\"w\",\"spiffeidPattern\":\"a\",\"pathPattern\":\"b\",\"permissions\":\"read,write\"}");

    assertThat(spec.toRequest().permissions()).containsExactly("read", "write");
  }

  @Test
  void parse_refusesUnknownFields_andGarbage() {
    assertThatThrownBy(() -> parse("name: w\nspiffeIdPattern: a\n"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("unknown field 'spiffeIdPattern'");
    assertThatThrownBy(() -> parse("name: [unclosed\n"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("not a valid YAML or JSON policy");
    assertThatThrownBy(() -> parse("")).isInstanceOf(UsageException.class);
  }
}
