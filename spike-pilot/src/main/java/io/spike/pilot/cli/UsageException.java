package io.spike.pilot.cli;

/**
 * Bad usage found before anything was sent (exit code 2): a malformed argument, file or setting.
 * The message never echoes an argument that could be a secret value.
 */
public class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
