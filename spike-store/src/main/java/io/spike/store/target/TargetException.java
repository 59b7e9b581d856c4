package io.spike.store.target;

/**
 * A backup target refused an operation or could not be reached. The message names the target (as
 * {@link BackupTarget#describe()}) and the object, never a credential.
 */
public final class TargetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TargetException(String message) {
    super(message);
  }

  public TargetException(String message, Throwable cause) {
    super(message, cause);
  }
}
