package io.spike.pilot.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessesTest {
  @TempDir Path dir;

  @Test
  void running_isEmpty_withoutOrWithGarbagePidFile() throws Exception {
    DevLayout layout = new DevLayout(dir);
    Processes p = new Processes(layout, Map.of());

    assertThat(p.running(Component.nexus())).isEmpty();
    Files.writeString(layout.pid("nexus"), "not a pid");
    assertThat(p.running(Component.nexus())).isEmpty();
  }

  @Test
  void running_ignoresALiveProcessThatRunsSomethingElse() throws Exception {
    DevLayout layout = new DevLayout(dir);
    Files.writeString(layout.pid("nexus"), ProcessHandle.current().pid() + "\n");

    assertThat(new Processes(layout, Map.of()).running(Component.nexus())).isEmpty();
  }

  @Test
  void launchFindStop_aRealChildProcess() throws Exception {
    DevLayout layout = new DevLayout(dir);
    layout.createDirectories();
    Processes p = new Processes(layout, Map.of());
    Component sleeper = new Component("sleeper", "io.spike.pilot.dev.Sleep", 1);
    Map<String, String> env = Map.of("PATH", System.getenv("PATH"));

    ProcessHandle h = p.start(sleeper, env);
    try {
      assertThat(Files.readString(layout.pid("sleeper")).trim()).isEqualTo(String.valueOf(h.pid()));
      assertThat(p.running(sleeper)).contains(h);

      assertThat(p.stop(sleeper)).isTrue();
      assertThat(h.isAlive()).isFalse();
      assertThat(layout.pid("sleeper")).doesNotExist();
      assertThat(p.stop(sleeper)).isFalse();
      assertThat(Files.readString(layout.log("sleeper")))
          .contains("--- spike dev: starting sleeper");
    } finally {
      h.destroyForcibly();
    }
  }

  @Test
  void javaCommand_usesThisJvm_andAbsoluteClassPath() {
    List<String> cmd = Processes.javaCommand(Map.of("SPIKE_JAVA_OPTS", "-Xmx64m  -Dx=y"));

    assertThat(cmd.get(0)).endsWith("java");
    assertThat(cmd).containsSubsequence("-Xmx64m", "-Dx=y", "-cp");
    assertThat(cmd.get(cmd.size() - 1).split(File.pathSeparator))
        .allSatisfy(e -> assertThat(Path.of(e)).isAbsolute());
  }

  @Test
  void jvmOptions_nameTheOptionsFilesOfTheBinLaunchers() {
    assertThat(Processes.jvmOptions(Component.nexus().mainClass())).contains("nexus");
    assertThat(Processes.jvmOptions(Component.keeper(2).mainClass())).contains("keeper");
    assertThat(Processes.jvmOptions(Processes.BOOTSTRAP_MAIN)).contains("bootstrap");
    assertThat(Processes.jvmOptions(Component.postgres().mainClass())).isEmpty();
  }
}
