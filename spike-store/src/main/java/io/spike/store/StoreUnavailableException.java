package io.spike.store;

/**
 * The backing store cannot be reached (PostgreSQL down, its connections refused or timed out, the
 * database file locked beyond the busy timeout). Nothing was written; retrying later may succeed.
 */
public final class StoreUnavailableException extends StoreException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
