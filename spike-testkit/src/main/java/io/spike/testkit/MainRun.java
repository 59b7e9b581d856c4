package io.spike.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a component's {@code main} in a fresh JVM on this test's class path, with exactly the
 * environment given (nothing inherited), and returns its exit code and output. For tests of what a
 * process does on bad configuration: the exit code and the one line on stderr.
 *
 * <pre>{@code
 * MainRun.Outcome outcome = MainRun.run(KeeperMain.class, Map.of(Settings.KEEPER_TLS_PORT.name(), "eighty"));
 * assertThat(outcome.exit()).isEqualTo(1);
 * assertThat(outcome.onlyStderrLine()).isEqualTo("keeper: ...");
 * }</pre>
 */
public final class MainRun {
  /** How long the process may run before the test fails. */
  static final long TIMEOUT_SECONDS = 30;

  private MainRun() {}

  /**
   * What a finished process left behind.
   *
   * @param exit its exit code
   * @param stdout everything it wrote to standard output, as UTF-8
   * @param stderr everything it wrote to standard error, as UTF-8
   */
  public record Outcome(int exit, String stdout, String stderr) {
    /** Validates the parts. */
    public Outcome {
      Objects.requireNonNull(stdout, "stdout");
      Objects.requireNonNull(stderr, "stderr");
    }

    /**
     * Asserts the process ended with {@code exitCode} and wrote exactly one line to stderr; returns
     * that line (how a component reports bad configuration).
     */
    public String exitWithOneLine(int exitCode) {
      assertThat(exit).as("exit code; stderr: %s", stderr).isEqualTo(exitCode);
      return onlyStderrLine();
    }

    /** Asserts stderr is exactly one line (after stripping) and returns it. */
    public String onlyStderrLine() {
      List<String> lines = stderr.strip().lines().toList();
      assertThat(lines).as("stderr lines").hasSize(1);
      return lines.get(0);
    }
  }

  /**
   * Runs {@code mainClass} with {@code env} as its whole environment and {@code args} as its
   * arguments, waits up to 30 seconds for it to end (failing the test otherwise) and returns what
   * it left behind.
   */
  public static Outcome run(Class<?> mainClass, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    CompletableFuture<String> stdout =
        CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    String stderr = readAll(process.getErrorStream());
    boolean ended = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    assertThat(ended).as(mainClass.getSimpleName() + " ended within its time").isTrue();
    return new Outcome(process.exitValue(), stdout.join(), stderr);
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
