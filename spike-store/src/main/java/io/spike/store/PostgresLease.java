package io.spike.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * A {@link StoreLease} on PostgreSQL: a session advisory lock ({@code pg_try_advisory_lock}) on a
 * connection kept for the lease alone. The server frees the lock when that session ends, so a
 * holder that crashed or lost its connection cannot keep it; {@link #held()} then turns false.
 */
final class PostgresLease implements StoreLease {

  private static final int VALID_TIMEOUT_SECONDS = 5;

  private final String name;
  private final long key;
  private final Connection connection;
  private final AtomicBoolean open = new AtomicBoolean(true);

  private PostgresLease(String name, long key, Connection connection) {
    this.name = name;
    this.key = key;
    this.connection = connection;
  }

  /** Takes the lease on a connection of its own from {@code source}, or gives it back. */
  static Optional<StoreLease> tryTake(DataSource source, String name) throws SQLException {
    long key = key(name);
    Connection c = source.getConnection();
    try {
      boolean taken =
          Sql.queryFirst(c, "SELECT pg_try_advisory_lock(?)", rs -> rs.getBoolean(1), key)
              .orElse(false);
      if (taken) {
        return Optional.of(new PostgresLease(name, key, c));
      }
      c.close();
      return Optional.empty();
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** The lock's 64-bit key: the first 8 bytes of SHA-256 of the lease's name. */
  static long key(String name) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(("spike-lease:" + name).getBytes(UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean held() {
    try {
      return open.get() && connection.isValid(VALID_TIMEOUT_SECONDS);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (!open.compareAndSet(true, false)) {
      return;
    }
    try (Connection c = connection) {
      Sql.queryFirst(c, "SELECT pg_advisory_unlock(?)", rs -> rs.getBoolean(1), key);
    } catch (SQLException e) {
      // the session is gone or going: the server releases the lock with it
    }
  }

  @Override
  public String toString() {
    return "StoreLease[" + name + "]";
  }
}
