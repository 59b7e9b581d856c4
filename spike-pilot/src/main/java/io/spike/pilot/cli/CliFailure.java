package io.spike.pilot.cli;

/**
 * A refused or failed operation (exit code 1). The message is the one line printed after {@code
 * spike: }: it says what happened and what to do.
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
