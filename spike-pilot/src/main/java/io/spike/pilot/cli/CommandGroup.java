package io.spike.pilot.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of commands that only group subcommands ({@code spike secret}, {@code spike dev}, ...):
 * called alone, they are bad usage and say which subcommands exist.
 */
public abstract class CommandGroup implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    String name = spec.qualifiedName();
    throw new UsageException(
        name
            + " needs a subcommand: "
            + String.join(", ", spec.subcommands().keySet())
            + "; see '"
            + name
            + " --help'");
  }
}
