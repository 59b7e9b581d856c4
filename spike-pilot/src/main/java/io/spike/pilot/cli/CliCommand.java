package io.spike.pilot.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every command that does something (not a mere group): the one way to obtain the run's
 * {@link CliContext} and the output in the format chosen with {@code -f}. Commands that call Nexus
 * extend {@link NexusCommand}; local ones ({@code dev}, {@code snapshot inspect}, ...) extend this
 * and implement {@link #call()}.
 */
public abstract class CliCommand implements Callable<Integer> {
  /** Injected by picocli: gives the root command, which holds the output format. */
  @Spec private CommandSpec spec;

  /** The run's context, made by {@link CommandFactory}. */
  @Mixin private RunContext run;

  /** The context of this run: environment, streams, the way to Nexus. */
  protected final CliContext ctx() {
    return run.get();
  }

  /** Runs {@link CheckedArgument#check()} of each of this command's mixins that has one. */
  protected final void checkArguments() {
    for (CommandSpec mixin : spec.mixins().values()) {
      if (mixin.userObject() instanceof CheckedArgument argument) {
        argument.check();
      }
    }
  }

  /** The output in the format chosen with {@code -f}. */
  protected final Output output() {
    return Output.of(spec, ctx().out());
  }
}
