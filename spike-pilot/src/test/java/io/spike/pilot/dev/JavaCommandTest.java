package io.spike.pilot.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaCommandTest {
  @TempDir Path dir;

  @Test
  void of_isThisJvm_withOptions_andAbsoluteClassPath() {
    List<String> cmd = JavaCommand.of(Map.of("SPIKE_JAVA_OPTS", " -Xmx64m "));

    assertThat(Path.of(cmd.get(0))).isAbsolute();
    assertThat(cmd).containsSubsequence("-Xmx64m", "-cp").doesNotContain("");
    assertThat(cmd.get(cmd.size() - 1).split(File.pathSeparator))
        .allSatisfy(e -> assertThat(Path.of(e)).isAbsolute());
    assertThat(JavaCommand.of(Map.of())).hasSize(3);
  }

  @Test
  void of_component_readsTheOptionsFileBesideTheDistributionsJar_beforeSpikeJavaOpts()
      throws Exception {
    Path jar = distribution("keeper");
    String classPath = dir.resolve("other.jar") + File.pathSeparator + jar;

    List<String> cmd =
        JavaCommand.of(Map.of("SPIKE_JAVA_OPTS", "-Xmx64m"), Optional.of("keeper"), classPath);

    assertThat(cmd.subList(1, cmd.size()))
        .containsExactly(
            "@" + dir.resolve("lib/jvm/keeper.options"),
            "-Xmx64m",
            "-cp",
            dir.resolve("other.jar") + File.pathSeparator + jar);
  }

  @Test
  void of_component_withoutItsOptionsFile_isSpikeJavaOptsOnly() throws Exception {
    Path jar = distribution("keeper");

    assertThat(JavaCommand.of(Map.of(), Optional.of("nexus"), jar.toString()))
        .noneMatch(a -> a.startsWith("@"))
        .hasSize(3);
    assertThat(JavaCommand.of(Map.of(), Optional.empty(), jar.toString()))
        .noneMatch(a -> a.startsWith("@"));
  }

  @Test
  void optionsFile_isOnlyBesideAJarNamedSpikeJar() throws Exception {
    distribution("keeper");
    Path other = Files.writeString(dir.resolve("lib/other.jar"), "");
    Path classes = dir.resolve("lib");

    assertThat(JavaCommand.optionsFile(List.of(other, classes), "keeper")).isEmpty();
    assertThat(JavaCommand.optionsFile(List.of(other, dir.resolve("lib/spike.jar")), "keeper"))
        .contains(dir.resolve("lib/jvm/keeper.options"));
  }

  /** D/lib/spike.jar and D/lib/jvm/{component}.options, as the distribution lays them out. */
  private Path distribution(String component) throws Exception {
    Files.createDirectories(dir.resolve("lib/jvm"));
    Files.writeString(dir.resolve("lib/jvm/" + component + ".options"), "-Xmx24m\n");
    return Files.writeString(dir.resolve("lib/spike.jar"), "");
  }
}
