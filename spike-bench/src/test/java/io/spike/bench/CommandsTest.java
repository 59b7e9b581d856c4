package io.spike.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {
  @TempDir Path scratch;

  @Test
  void run_capturesOutputAndTime() {
    Commands.Outcome o =
        new Commands(scratch, Map.of("BENCH_X", "42"))
            .run(List.of("sh", "-c", "echo out $BENCH_X; echo err >&2"), 10);
    assertThat(o.ok()).isTrue();
    assertThat(o.stdout()).isEqualTo("out 42\n");
    assertThat(o.stderr()).isEqualTo("err\n");
    assertThat(o.seconds()).isPositive();
  }

  @Test
  void run_failure_saysExitCodeAndLastStderrLine() {
    Commands.Outcome o =
        new Commands(scratch, Map.of())
            .run(List.of("sh", "-c", "echo a >&2; echo b >&2; exit 3"), 10);
    assertThat(o.ok()).isFalse();
    assertThat(o.failure()).isEqualTo("exit 3: b");
  }

  @Test
  void run_missingProgram_isAFailureNotAnException() {
    Commands.Outcome o =
        new Commands(scratch, Map.of()).run(List.of(scratch.resolve("nope").toString()), 10);
    assertThat(o.ok()).isFalse();
    assertThat(o.failure()).startsWith("exit -1: cannot run");
  }

  @Test
  void run_timeout_isAFailure() {
    Commands.Outcome o = new Commands(scratch, Map.of()).run(List.of("sleep", "5"), 1);
    assertThat(o.ok()).isFalse();
    assertThat(o.failure()).contains("timed out");
  }

  @Test
  void with_addsVariables_andSpikeJavaOptsOnlyWhenSet() {
    Commands base = new Commands(scratch, Map.of());
    String echo = "echo \"[$SPIKE_JAVA_OPTS]\"";
    assertThat(base.run(List.of("sh", "-c", echo), 10).stdout()).isEqualTo("[]\n");
    assertThat(
            base.with(Map.of("SPIKE_JAVA_OPTS", "-Xshare:off"))
                .run(List.of("sh", "-c", echo), 10)
                .stdout())
        .isEqualTo("[-Xshare:off]\n");
  }

  @Test
  void require_throwsOnFailure() {
    assertThatThrownBy(() -> new Commands(scratch, Map.of()).require(List.of("false"), 10))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exit 1");
  }
}
