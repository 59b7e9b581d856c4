package io.spike.store;

/**
 * A failure of the backing store: cannot open, migrate, read or write.
 *
 * <p>Messages name the operation and at most a secret path or policy name, never a stored value.
 * The cause, when present, is the driver's exception; the PostgreSQL driver is configured so that
 * its messages omit server-side details (which could quote row values).
 */
public class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
