package io.spike.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations guide's "first hour" (docs/operations/README.md) cannot rot: its {@code ```sh}
 * blocks run, in order, in one {@code sh -e}, from a scratch directory standing in for the top of a
 * clone (its {@code spike-dist} is this build's). Only the build command is left out: the reactor
 * built the distribution already. The guide ends with a passing drill, a Nexus recovered after
 * {@code kill -9}, and {@code spike dev down}.
 */
class FirstHourIT {
  static final Path GUIDE = Cli.DIST.resolve("../../../docs/operations/README.md").normalize();
  static final String SECTION = "## The first hour";

  @TempDir Path clone;

  @Test
  void theFirstHourOfTheOperationsGuideRunsToAPassingDrill() throws IOException {
    List<String> blocks = shellBlocks(Files.readString(GUIDE, StandardCharsets.UTF_8), SECTION);
    assertThat(blocks).as("sh blocks under '%s' in %s", SECTION, GUIDE).hasSizeGreaterThan(5);
    Files.createSymbolicLink(clone.resolve("spike-dist"), Cli.DIST.getParent().getParent());
    Path script = clone.resolve("first-hour.sh");
    StringBuilder sh = new StringBuilder("cd '" + clone + "'\n");
    for (String block : blocks) {
      for (String line : block.split("\n")) {
        sh.append(line.startsWith("./mvnw ") ? "# (built by the reactor) " + line : line)
            .append('\n');
      }
    }
    Files.writeString(script, sh, StandardCharsets.UTF_8);

    Cli.Result r;
    try {
      r = new Cli(Map.of()).run("/bin/sh", "-e", script.toString());
    } finally {
      Path dev = clone.resolve("first-hour/.spike-dev");
      if (Files.isDirectory(dev)) {
        new Cli(Map.of()).spike("dev", "down", "--dir", dev.toString());
      }
    }

    assertThat(r.exit()).as("stdout:\n%s\nstderr:\n%s", r.out(), r.err()).isZero();
    assertThat(r.out())
        .contains("stored apps/web/db", "is valid for this system", "drill PASS", "nexus stopped");
    assertThat(r.out().lines()).contains("p", "p2");
    assertThat(clone.resolve("first-hour")).as("the guide cleans up after itself").doesNotExist();
  }

  @Test
  void onlyTheShellBlocksOfTheNamedSectionAreTaken() {
    String md =
        "## Other\n```sh\nnot this\n```\n## The first hour\ntext\n```sh\na\nb\n```\n"
            + "```\nplain, not sh\n```\n### 2. Step\n```sh\nc\n```\n## Next\n```sh\nnot this\n```\n";
    assertThat(shellBlocks(md, SECTION)).containsExactly("a\nb", "c");
  }

  /**
   * The bodies of the {@code ```sh} blocks between {@code section} and the next level-2 heading.
   */
  static List<String> shellBlocks(String markdown, String section) {
    List<String> blocks = new ArrayList<>();
    boolean inSection = false;
    StringBuilder block = null;
    for (String line : markdown.split("\n", -1)) {
      if (block != null) {
        if (line.equals("```")) {
          blocks.add(block.toString());
          block = null;
        } else {
          block.append(block.isEmpty() ? "" : "\n").append(line);
        }
      } else if (line.startsWith("## ")) {
        inSection = line.equals(section);
      } else if (inSection && line.equals("```sh")) {
        block = new StringBuilder();
      }
    }
    return blocks;
  }
}
