package io.spike.pilot.cli;

import java.util.Objects;
import picocli.CommandLine.Command;

/**
 * The one way a command obtains the run's {@link CliContext}: declared as {@code @Mixin private
 * RunContext run;} (or inherited from {@link NexusCommand}), it is created by {@link
 * CommandFactory} with the context of this run, so command classes need no constructor of their
 * own. It adds no options (picocli takes a mixin only with an annotation: the empty
 * {@code @Command}).
 */
@Command
public final class RunContext {
  private final CliContext ctx;

  RunContext(CliContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
  }

  /** The context of this run. */
  public CliContext get() {
    return ctx;
  }
}
