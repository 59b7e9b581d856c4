package io.spike.pilot.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JavaCommandTest {
  @Test
  void of_isThisJvm_withOptions_andAbsoluteClassPath() {
    List<String> cmd = JavaCommand.of(Map.of("SPIKE_JAVA_OPTS", " -Xmx64m "));

    assertThat(Path.of(cmd.get(0))).isAbsolute();
    assertThat(cmd).containsSubsequence("-Xmx64m", "-cp").doesNotContain("");
    assertThat(cmd.get(cmd.size() - 1).split(File.pathSeparator))
        .allSatisfy(e -> assertThat(Path.of(e)).isAbsolute());
    assertThat(JavaCommand.of(Map.of())).hasSize(3);
  }
}
