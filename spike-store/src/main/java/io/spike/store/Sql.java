package io.spike.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Tiny JDBC conveniences: bind parameters by type, map rows. */
final class Sql {

  /** Maps the current row of a result set. */
  @FunctionalInterface
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /**
   * Takes a JDBC object and may throw {@link SQLException}: the current row of a result set in
   * {@link #forEach}, the connection whose transaction {@link JdbcBackend#inTransaction} commits.
   */
  @FunctionalInterface
  interface SqlConsumer<T> {
    void accept(T value) throws SQLException;
  }

  /** Rows fetched per round trip when streaming. */
  static final int FETCH_SIZE = 1_000;

  private Sql() {}

  static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      return ps.executeUpdate();
    }
  }

  static <T> List<T> query(Connection c, String sql, Row<T> row, Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(row.map(rs));
        }
        return out;
      }
    }
  }

  /** The first row {@link #query} returns, if any. */
  static <T> Optional<T> queryFirst(Connection c, String sql, Row<T> row, Object... params)
      throws SQLException {
    List<T> rows = query(c, sql, row, params);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /**
   * Runs a query and hands each row to {@code row} as it arrives. With auto-commit off, the
   * PostgreSQL driver then fetches {@link #FETCH_SIZE} rows at a time through a cursor instead of
   * loading the whole result; SQLite always steps row by row.
   */
  static void forEach(Connection c, String sql, SqlConsumer<ResultSet> row) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setFetchSize(FETCH_SIZE);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          row.accept(rs);
        }
      }
    }
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** A BLOB/BYTEA column; some drivers hand back {@code null} for a zero-length value. */
  static byte[] bytes(ResultSet rs, int column) throws SQLException {
    byte[] value = rs.getBytes(column);
    return value == null ? new byte[0] : value;
  }

  static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      if (p instanceof String s) {
        ps.setString(i + 1, s);
      } else if (p instanceof Integer n) {
        ps.setInt(i + 1, n);
      } else if (p instanceof Long n) {
        ps.setLong(i + 1, n);
      } else if (p instanceof byte[] b) {
        ps.setBytes(i + 1, b);
      } else {
        throw new IllegalArgumentException("unsupported parameter type at " + (i + 1));
      }
    }
  }
}
