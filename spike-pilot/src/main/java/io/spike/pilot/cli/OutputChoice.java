package io.spike.pilot.cli;

/**
 * Implemented by the root command, which owns the global {@code -f} option every subcommand
 * inherits.
 */
public interface OutputChoice {
  /** The format the user chose, {@link OutputFormat#HUMAN} by default. */
  OutputFormat format();
}
