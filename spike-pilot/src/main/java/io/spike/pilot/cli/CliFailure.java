package io.spike.pilot.cli;

/**
 * A refused or failed operation (exit code 1), of a CLI command or of the bootstrap job. The
 * message is the one line printed after {@code spike: } (or {@code bootstrap: }): it says what
 * happened and what to do.
 */
public class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CliFailure(String message) {
    super(message);
  }

  public CliFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
