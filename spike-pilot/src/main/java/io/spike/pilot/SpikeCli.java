package io.spike.pilot;

import io.spike.pilot.cli.CliContext;
import io.spike.pilot.cli.CommandFactory;
import io.spike.pilot.cli.FailureHandler;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

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

  /**
   * Runs one command line against {@code ctx} and returns the exit code. When the first argument
   * names a subcommand, only that subcommand's tree is built (the others cannot take part in the
   * parse); anything else (options first, help, an unknown command) gets the whole tree, so its
   * usage and error output are the whole tree's.
   */
  public static int run(CliContext ctx, String... args) {
    return commandLine(ctx, subcommandsFor(args)).execute(args);
  }

  /** The configured picocli command tree, every subcommand included. */
  static CommandLine commandLine(CliContext ctx) {
    return commandLine(ctx, SpikeCommand.SUBCOMMANDS);
  }

  /** The subcommand {@code args[0]} names, alone, or every subcommand. */
  static List<Class<?>> subcommandsFor(String... args) {
    if (args.length > 0) {
      for (Class<?> sub : SpikeCommand.SUBCOMMANDS) {
        Command command = sub.getAnnotation(Command.class);
        if (command.name().equals(args[0]) || Arrays.asList(command.aliases()).contains(args[0])) {
          return List.of(sub);
        }
      }
    }
    return SpikeCommand.SUBCOMMANDS;
  }

  private static CommandLine commandLine(CliContext ctx, List<Class<?>> subcommands) {
    FailureHandler failures = new FailureHandler(ctx);
    CommandFactory factory = new CommandFactory(ctx);
    CommandLine cl = new CommandLine(new SpikeCommand(), factory);
    for (Class<?> sub : subcommands) {
      cl.addSubcommand(new CommandLine(sub, factory));
    }
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setOut(new PrintWriter(ctx.out(), true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(ctx.err(), true, StandardCharsets.UTF_8));
    cl.setParameterExceptionHandler(failures);
    cl.setExecutionExceptionHandler(failures);
    return cl;
  }
}
