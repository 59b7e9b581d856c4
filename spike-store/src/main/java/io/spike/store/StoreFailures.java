package io.spike.store;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;

/**
 * Tells a database failure that passes (the database is out of reach, or out of space) from the
 * rest, so Nexus can answer 503 {@code store_unavailable} or 507 {@code store_full} instead of 500,
 * and keep serving reads while the disk is full.
 */
final class StoreFailures {
  /** What kind of failure. */
  enum Kind {
    FULL,
    UNAVAILABLE,
    OTHER
  }

  private static final int SQLITE_BUSY = 5;
  private static final int SQLITE_LOCKED = 6;
  private static final int SQLITE_FULL = 13;
  private static final int SQLITE_CANTOPEN = 14;

  private StoreFailures() {}

  static Kind classify(SQLException failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException e) {
        Kind kind = one(e);
        if (kind != Kind.OTHER) {
          return kind;
        }
      }
    }
    return Kind.OTHER;
  }

  private static Kind one(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    // PostgreSQL: 53100 disk_full; SQLite: SQLITE_FULL (primary code 13), or its text.
    if (state.equals("53100")
        || (e.getErrorCode() & 0xff) == SQLITE_FULL
        || message.contains("database or disk is full")
        || message.contains("no space left on device")) {
      return Kind.FULL;
    }
    // Connection exceptions (class 08), the server shutting down or starting (57P01..57P03),
    // too many connections (53300), a pool that timed out waiting for a connection.
    if (state.startsWith("08")
        || state.equals("57P01")
        || state.equals("57P02")
        || state.equals("57P03")
        || state.equals("53300")
        || e instanceof SQLTransientConnectionException
        || e instanceof SQLNonTransientConnectionException) {
      return Kind.UNAVAILABLE;
    }
    int primary = e.getErrorCode() & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_CANTOPEN) {
      return Kind.UNAVAILABLE;
    }
    return Kind.OTHER;
  }
}
