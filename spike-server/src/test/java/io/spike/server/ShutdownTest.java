package io.spike.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;

/** A real child JVM parked in {@link Shutdown#await}: SIGTERM runs the closing steps, then exit. */
class ShutdownTest {

  /** The child: says it is ready, then parks until it is terminated. */
  public static void main(String[] args) {
    Shutdown shutdown = Shutdown.onTerm("test-shutdown", () -> System.out.println("closed"));
    System.out.println("ready");
    System.out.flush();
    shutdown.await();
    System.out.println("returned");
  }

  @RepeatedTest(3)
  void sigterm_runsTheClosingSteps_beforeTheProcessEnds() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), ShutdownTest.class.getName())
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("ready");
      // SIGTERM from outside: Process.destroy() would also close the streams this test reads.
      new ProcessBuilder("kill", "-TERM", Long.toString(child.pid())).start().waitFor();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(out.lines().toList()).contains("closed");
    } finally {
      child.destroyForcibly();
    }
  }
}
