package io.spike.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each server component's JVM options live in one file, {@code lib/jvm/<component>.options}: its
 * {@code bin/} launcher passes that file to {@code java} before {@code SPIKE_JAVA_OPTS} (which
 * wins), {@code spike dev up} finds the same file beside {@code lib/spike.jar} (spike-pilot's
 * JavaCommandTest), and this JVM accepts every option in it.
 */
class JvmOptionsTest {
  private static final Path DIST = Path.of("src/main/dist");

  @ParameterizedTest
  @ValueSource(strings = {"nexus", "keeper", "bootstrap"})
  void launcher_passesItsOptionsFile_beforeSpikeJavaOpts(String component) throws Exception {
    String script = Files.readString(DIST.resolve("bin").resolve(component));

    assertThat(script)
        .contains("options=$(dirname \"$jar\")/jvm/" + component + ".options")
        .contains("exec \"${JAVA:-java}\" @\"$options\" ${SPIKE_JAVA_OPTS:-} -cp \"$jar\"");
    assertThat(options(component)).isRegularFile();
  }

  @ParameterizedTest
  @ValueSource(strings = {"nexus", "keeper", "bootstrap"})
  void javaAcceptsTheOptionsFile(String component) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                List.of(java.toString(), "@" + options(component).toAbsolutePath(), "-version"))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  private static Path options(String component) {
    return DIST.resolve("lib/jvm").resolve(component + ".options");
  }
}
