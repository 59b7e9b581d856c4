package io.spike.identity;

/**
 * An identity could not be obtained or used: a missing environment variable, an unreadable or
 * invalid SVID, key or bundle file, an unreachable Workload API.
 *
 * <p>Messages name the variable or file and say what to fix; they never contain key material (a
 * key-parsing failure is reported without its cause).
 */
public class IdentityException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what went wrong and what to fix
   */
  public IdentityException(String message) {
    super(message);
  }

  /**
   * @param message what went wrong and what to fix
   * @param cause the underlying failure (never one that may carry key bytes)
   */
  public IdentityException(String message, Throwable cause) {
    super(message, cause);
  }
}
