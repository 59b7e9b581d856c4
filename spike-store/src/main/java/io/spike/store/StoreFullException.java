package io.spike.store;

/**
 * The backing store is out of space (SQLite {@code SQLITE_FULL}, PostgreSQL {@code disk_full}). The
 * write was rolled back; reads still work.
 */
public final class StoreFullException extends StoreException {
  private static final long serialVersionUID = 1L;

  public StoreFullException(String message, Throwable cause) {
    super(message, cause);
  }
}
