package io.spike.pilot.cli;

import io.spike.config.Environment;
import io.spike.config.Settings;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

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

  /** The registered settings of {@link #env}, frozen. */
  public Environment settings() {
    return Environment.of(env);
  }

  /** Whether {@code SPIKE_DEBUG=1} asks for stack traces. */
  public boolean debug() {
    return settings().get(Settings.DEBUG);
  }
}
