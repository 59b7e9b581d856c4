package io.spike.pilot;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.pilot.cli.CliContext;
import io.spike.pilot.testing.Cli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliReferenceTest {
  /** docs/CLI.md of the repository; surefire runs in the module's directory. */
  private static final Path DOC = Path.of("..", "docs", "CLI.md");

  static CommandLine tree() {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return SpikeCli.commandLine(
        new CliContext(
            Map.of(), sink, sink, new ByteArrayInputStream(new byte[0]), Cli.NO_NETWORK));
  }

  @Test
  void committedReference_isWhatTheModelRenders() throws IOException {
    String rendered = CliReference.markdown(tree());
    if (Boolean.getBoolean("spike.docs.write")) {
      Files.writeString(DOC, rendered, StandardCharsets.UTF_8);
    }

    assertThat(Files.exists(DOC))
        .as("docs/CLI.md is missing; run: " + CliReference.REGENERATE)
        .isTrue();
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
        .as("docs/CLI.md is stale; regenerate it with: " + CliReference.REGENERATE)
        .isEqualTo(rendered);
  }

  @Test
  void reference_namesEveryCommandOptionAndExitCode() {
    String doc = CliReference.markdown(tree());

    assertThat(doc)
        .contains("## `spike secret metadata get`")
        .contains("## `spike operator escrow enable`")
        .contains("| `-f, --format human\\|json\\|yaml` |")
        .contains("| 0 | success")
        .contains("| 1 | the operation was refused")
        .contains("| 2 | bad usage");
  }

  @Test
  void reference_linksNothingOutsideTheRepository() {
    String doc = CliReference.markdown(tree());

    assertThat(doc)
        .doesNotContainPattern("\\]\\((?!#)[^)]*:")
        .doesNotContainPattern("(?<!`)https?://");
  }
}
