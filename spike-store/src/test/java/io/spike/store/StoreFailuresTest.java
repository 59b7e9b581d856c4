package io.spike.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class StoreFailuresTest {

  @Test
  void classify_full_unavailable_other() {
    assertThat(StoreFailures.classify(new SQLException("could not extend file", "53100")))
        .isEqualTo(StoreFailures.Kind.FULL);
    assertThat(
            StoreFailures.classify(
                new SQLException("[SQLITE_FULL] database or disk is full", null, 13)))
        .isEqualTo(StoreFailures.Kind.FULL);
    assertThat(StoreFailures.classify(new SQLException("Connection refused", "08001")))
        .isEqualTo(StoreFailures.Kind.UNAVAILABLE);
    assertThat(
            StoreFailures.classify(
                new SQLException("terminating connection due to administrator command", "57P01")))
        .isEqualTo(StoreFailures.Kind.UNAVAILABLE);
    assertThat(StoreFailures.classify(new SQLTransientConnectionException("pool timed out")))
        .isEqualTo(StoreFailures.Kind.UNAVAILABLE);
    assertThat(
            StoreFailures.classify(new SQLException("[SQLITE_BUSY] database is locked", null, 5)))
        .isEqualTo(StoreFailures.Kind.UNAVAILABLE);
    assertThat(StoreFailures.classify(new SQLException("duplicate key", "23505")))
        .isEqualTo(StoreFailures.Kind.OTHER);
    SQLException wrapped = new SQLException("outer", "XX000");
    wrapped.initCause(new SQLException("inner", "08006"));
    assertThat(StoreFailures.classify(wrapped)).isEqualTo(StoreFailures.Kind.UNAVAILABLE);
  }
}
