package io.spike.pilot.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.pilot.SpikeCli;
import io.spike.pilot.cli.CliContext;
import io.spike.pilot.cli.NexusConnector;
import io.spike.pilot.cli.Terminal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Runs the CLI in-process with captured streams. */
public final class Cli {
  /** Exit code, stdout, stderr (and stdout's raw bytes). */
  public record Result(int code, String out, String err, byte[] outBytes) {
    /** The stderr lines. */
    public String[] errLines() {
      return err.isEmpty() ? new String[0] : err.split("\n");
    }

    /**
     * Checks that the run exited with {@code expectedCode} and wrote exactly one stderr line; that
     * line, as written (with its newline).
     */
    public String onlyErrLine(int expectedCode) {
      assertThat(code).as("exit code (stderr: %s)", err).isEqualTo(expectedCode);
      assertThat(errLines()).as("stderr lines").hasSize(1);
      return err;
    }
  }

  /** A connector that fails the test if a command tries to reach Nexus. */
  public static final NexusConnector NO_NETWORK =
      () -> {
        throw new AssertionError("the command reached for the network");
      };

  private Cli() {}

  /** The words {@code head} (each as its string: paths, numbers) followed by {@code more}. */
  public static String[] args(List<?> head, String... more) {
    return Stream.concat(head.stream().map(String::valueOf), Stream.of(more))
        .toArray(String[]::new);
  }

  /** Runs {@code spike dev args... --dir dir} offline. */
  public static Result dev(Path dir, String... args) {
    return run(NO_NETWORK, args(List.of("dev"), args(List.of(args), "--dir", dir.toString())));
  }

  /** Runs with a piped {@code stdin} (UTF-8) and no terminal. */
  public static Result piped(NexusConnector connector, String stdin, String... args) {
    return run(connector, Map.of(), stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  public static Result run(NexusConnector connector, String... args) {
    return run(connector, Map.of(), new byte[0], args);
  }

  public static Result run(
      NexusConnector connector, Map<String, String> env, byte[] stdin, String... args) {
    return run(connector, env, stdin, Terminal.NONE, args);
  }

  /** Runs with {@code terminal} as the operator's terminal (prompts answered by it, not stdin). */
  public static Result run(NexusConnector connector, Terminal terminal, String... args) {
    return run(connector, Map.of(), new byte[0], terminal, args);
  }

  public static Result run(
      NexusConnector connector,
      Map<String, String> env,
      byte[] stdin,
      Terminal terminal,
      String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext ctx =
        new CliContext(
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new ByteArrayInputStream(stdin),
            connector,
            terminal);
    int code = SpikeCli.run(ctx, args);
    return new Result(
        code,
        out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8),
        out.toByteArray());
  }
}
