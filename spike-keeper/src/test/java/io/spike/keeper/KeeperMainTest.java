package io.spike.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Bad configuration ends the process with one line on stderr and exit code 1. */
class KeeperMainTest {

  private record Outcome(int exit, String stderr) {}

  private static Outcome run(Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            KeeperMain.class.getName());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Outcome(process.exitValue(), stderr);
  }

  @Test
  void badPort_exits1_withOneLineNamingTheVariable() throws Exception {
    Outcome outcome = run(Map.of("SPIKE_KEEPER_TLS_PORT", "eighty"));
    assertThat(outcome.exit()).isEqualTo(1);
    assertThat(outcome.stderr().strip().lines())
        .hasSize(1)
        .first()
        .asString()
        .isEqualTo(
            "keeper: SPIKE_KEEPER_TLS_PORT='eighty' is not a whole number; expected a port number"
                + " 0..65535 (0: any free port; upstream's :8553 form is accepted)");
  }

  @Test
  void missingSvid_exits1_withOneLine() throws Exception {
    Outcome outcome = run(Map.of());
    assertThat(outcome.exit()).isEqualTo(1);
    assertThat(outcome.stderr().strip().lines())
        .hasSize(1)
        .first()
        .asString()
        .startsWith("keeper: ")
        .contains("SPIKE_SVID");
  }
}
