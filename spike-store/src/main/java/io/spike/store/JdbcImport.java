package io.spike.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;

/**
 * The sink of {@link JdbcStore#importAll}: plain {@code INSERT}s (a duplicate key fails the
 * import), batched {@link #BATCH} rows at a time, on the connection of the import's transaction.
 *
 * <p>Secrets are flushed before versions, so a version's secret row exists when its batch runs (the
 * foreign key) as long as the source sends secrets first. Driver failures travel through the
 * visitor methods as {@link Failure} and are unwrapped by the store.
 */
final class JdbcImport implements RecordVisitor, AutoCloseable {

  static final int BATCH = 1_000;

  /** Carries a {@link SQLException} through {@link RecordVisitor}, which cannot throw it. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(SQLException cause) {
      super(cause);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }

  private final Batch system;
  private final Batch secrets;
  private final Batch versions;
  private final Batch policies;

  JdbcImport(Connection c) throws SQLException {
    system = new Batch(c, "INSERT INTO system (name, value) VALUES (?, ?)");
    secrets = new Batch(c, "INSERT INTO secrets (path, revision, metadata) VALUES (?, ?, ?)");
    versions =
        new Batch(c, "INSERT INTO secret_versions (path, version, ciphertext) VALUES (?, ?, ?)");
    policies = new Batch(c, "INSERT INTO policies (name, ciphertext) VALUES (?, ?)");
  }

  @Override
  public void system(SystemKey key, byte[] value) {
    Objects.requireNonNull(key, "key");
    system.add(key.id(), Checks.copy(value, key.id()));
  }

  @Override
  public void secret(SecretRecord record) {
    secrets.add(record.path(), record.revision(), record.metadata());
  }

  @Override
  public void version(VersionRecord record) {
    if (versions.pending + 1 >= BATCH) {
      secrets.flush();
    }
    versions.add(record.path(), record.version(), record.ciphertext());
  }

  @Override
  public void policy(PolicyRecord record) {
    policies.add(record.name(), record.ciphertext());
  }

  /** Sends what is still batched, secrets before versions. */
  void finish() {
    system.flush();
    secrets.flush();
    versions.flush();
    policies.flush();
  }

  /** Closes all four statements, even when one fails. */
  @Override
  public void close() throws SQLException {
    SQLException first = null;
    for (Batch batch : new Batch[] {system, secrets, versions, policies}) {
      try {
        batch.ps.close();
      } catch (SQLException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private static final class Batch {
    final PreparedStatement ps;
    int pending;

    Batch(Connection c, String sql) throws SQLException {
      ps = c.prepareStatement(sql);
    }

    void add(Object... params) {
      try {
        Sql.bind(ps, params);
        ps.addBatch();
        if (++pending >= BATCH) {
          flush();
        }
      } catch (SQLException e) {
        throw new Failure(e);
      }
    }

    void flush() {
      if (pending == 0) {
        return;
      }
      try {
        ps.executeBatch();
        pending = 0;
      } catch (SQLException e) {
        throw new Failure(e);
      }
    }
  }
}
