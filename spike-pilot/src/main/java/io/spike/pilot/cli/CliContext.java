package io.spike.pilot.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a command runs against: the environment, the three standard streams and the way to
 * reach Nexus. One per run of the CLI; commands receive it in their constructor, so tests swap
 * streams, environment and Nexus.
 *
 * @param env the environment variables the command may read
 * @param out standard output (UTF-8); raw bytes may be written to it too
 * @param err standard error: one line per failure
 * @param in standard input
 * @param connector opens a session with Nexus when a command needs one
 * @param terminal the operator's terminal for prompts, or {@link Terminal#NONE} when input is
 *     redirected
 */
public record CliContext(
    Map<String, String> env,
    PrintStream out,
    PrintStream err,
    InputStream in,
    NexusConnector connector,
    Terminal terminal) {

  /** Environment variable: print stack traces with errors when {@code 1}. */
  public static final String DEBUG_ENV = "SPIKE_DEBUG";

  public CliContext {
    env = Map.copyOf(env);
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(connector, "connector");
    Objects.requireNonNull(terminal, "terminal");
  }

  /** A context without a terminal: every command reads stdin instead of prompting. */
  public CliContext(
      Map<String, String> env,
      PrintStream out,
      PrintStream err,
      InputStream in,
      NexusConnector connector) {
    this(env, out, err, in, connector, Terminal.NONE);
  }

  /**
   * The process's own environment, streams and console; Nexus from {@code SPIKE_NEXUS_API_URL} and
   * the SVID variables.
   */
  public static CliContext system() {
    Map<String, String> env = System.getenv();
    return new CliContext(
        env,
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8),
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8),
        // System.in, not a raw FileInputStream: the latter's readAllBytes fails on pipes ("Illegal
        // seek").
        System.in,
        new EnvNexusConnector(env),
        Terminal.system());
  }

  /** The variable's value when it is set and not blank. */
  public Optional<String> env(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  /** Whether {@code SPIKE_DEBUG=1} asks for stack traces. */
  public boolean debug() {
    return env(DEBUG_ENV).filter("1"::equals).isPresent();
  }
}
