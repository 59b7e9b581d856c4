package io.spike.pilot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.wire.SecretMetadataResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OutputTest {
  private final Map<String, String> data =
      new TreeMap<>(Map.of("user", "u", "pass", "p", "port", "5432"));

  @Test
  void human_usesTheGivenText_andEndsWithNewline() {
    assertThat(Output.render(OutputFormat.HUMAN, data, () -> "text")).isEqualTo("text\n");
  }

  @Test
  void json_isPrettyWithSortedKeys() {
    assertThat(Output.render(OutputFormat.JSON, data, () -> "unused"))
        .isEqualTo("{\n  \"pass\" : \"p\",\n  \"port\" : \"5432\",\n  \"user\" : \"u\"\n}\n");
  }

  @Test
  void yaml_hasNoDocumentMarker_andKeepsNumericStringsQuoted() {
    assertThat(Output.render(OutputFormat.YAML, data, () -> "unused"))
        .isEqualTo("pass: p\nport: \"5432\"\nuser: u\n");
  }

  @Test
  void yaml_quotesStringsThatWouldReadAsOtherTypes() throws Exception {
    Map<String, String> tricky =
        new TreeMap<>(
            Map.of(
                "a",
                "yes",
                "b",
                "null",
                "c",
                "",
                "d",
                "x: y",
                "e",
                "true",
                "f",
                "1.5",
                "g",
                "multi\nline"));

    String yaml = Output.render(OutputFormat.YAML, tricky, () -> "");

    Map<?, ?> back =
        new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
            .readValue(yaml, Map.class);
    assertThat(back).isEqualTo(tricky);
  }

  @Test
  void wireRecord_rendersWithIsoTimes_andOmitsEmptyOptionals() {
    Instant t = Instant.parse("2025-01-02T03:04:05Z");
    SecretMetadataResponse r =
        new SecretMetadataResponse(
            Map.of("1", new SecretMetadataResponse.VersionInfo(t, 1, Optional.empty())),
            new SecretMetadataResponse.Metadata(1, 1, t, t, 10));

    String json = Output.render(OutputFormat.JSON, r, () -> "");
    String yaml = Output.render(OutputFormat.YAML, r, () -> "");

    assertThat(json)
        .contains("\"createdTime\" : \"2025-01-02T03:04:05Z\"")
        .doesNotContain("deletedTime");
    assertThat(yaml)
        .contains("currentVersion: 1")
        .contains("createdTime: 2025-01-02T03:04:05Z")
        .doesNotContain("deletedTime")
        .doesNotStartWith("---");
  }

  @Test
  void show_printsToTheStream() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new Output(new PrintStream(bytes, true), OutputFormat.JSON).show(Map.of("a", "b"), () -> "x");

    assertThat(bytes.toString()).isEqualTo("{\n  \"a\" : \"b\"\n}\n");
  }

  @Test
  void of_withoutARootCommand_isHuman() {
    Output out =
        Output.of(null, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(out.human()).isTrue();
    assertThat(out.format()).isEqualTo(OutputFormat.HUMAN);
  }
}
