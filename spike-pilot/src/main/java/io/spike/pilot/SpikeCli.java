package io.spike.pilot;

import io.spike.pilot.cli.CliContext;
import io.spike.pilot.cli.CommandFactory;
import io.spike.pilot.cli.FailureHandler;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * The {@code spike} CLI's {@code main}. Exit codes: 0 success, 1 refused or failed operation, 2 bad
 * usage; every failure is exactly one line on stderr starting {@code spike: } (plus a stack trace
 * only with {@code SPIKE_DEBUG=1}).
 */
public final class SpikeCli {
  private SpikeCli() {}

  public static void main(String[] args) {
    CliLogging.quiet(System.getenv());
    System.exit(run(CliContext.system(), args));
  }

  /** Runs one command line against {@code ctx} and returns the exit code. */
  public static int run(CliContext ctx, String... args) {
    return commandLine(ctx).execute(args);
  }

  /** The configured picocli command tree. */
  static CommandLine commandLine(CliContext ctx) {
    FailureHandler failures = new FailureHandler(ctx);
    CommandLine cl = new CommandLine(new SpikeCommand(), new CommandFactory(ctx));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setOut(new PrintWriter(ctx.out(), true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(ctx.err(), true, StandardCharsets.UTF_8));
    cl.setParameterExceptionHandler(failures);
    cl.setExecutionExceptionHandler(failures);
    return cl;
  }
}
