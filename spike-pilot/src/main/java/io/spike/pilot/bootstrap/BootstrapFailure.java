package io.spike.pilot.bootstrap;

/** Bootstrap could not finish; the message says why and what to do (exit code 1). */
public class BootstrapFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BootstrapFailure(String message) {
    super(message);
  }

  public BootstrapFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
