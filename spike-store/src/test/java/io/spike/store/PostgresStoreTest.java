package io.spike.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.testkit.LogCapture;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The contract against a real PostgreSQL (zonky embedded, {@link TestPostgres}), a fresh database
 * per test.
 */
class PostgresStoreTest extends SpikeStoreContract {

  private String url;

  @Override
  protected SpikeStore newStore(Path tempDir) {
    url = TestPostgres.newDatabaseUrl();
    return Stores.open(new StoreConfig.Postgres(url));
  }

  @Override
  protected String backendName() {
    return "postgres";
  }

  @Override
  protected String jdbcUrl() {
    return url;
  }

  @Test
  void twoReplicasOnOneDatabase_loseNoVersion() throws Exception {
    try (SpikeStore replica = Stores.open(new StoreConfig.Postgres(url))) {
      assertTwoStoresLoseNoVersion(replica, WRITES_PER_THREAD);
    }
  }

  @Test
  void twoReplicas_initializeOnce_andSeeEachOthersPolicyChanges() throws Exception {
    try (SpikeStore replica = Stores.open(new StoreConfig.Postgres(url))) {
      assertTwoStoresInitializeOnce(replica);

      long seen = replica.policyGeneration();
      store.putPolicy(new PolicyRecord("ops", bytes("x")));
      assertThat(replica.policyGeneration()).isGreaterThan(seen);
      assertThat(replica.policy("ops")).isPresent();
    }
  }

  @Test
  void reopen_keepsEverything_andDoesNotMigrateAgain() throws Exception {
    store.writeSecret(create("app/db", "ct-1"));
    store.close();

    store = Stores.open(new StoreConfig.Postgres(url));

    assertThat(store.versions("app/db")).containsExactly(version("app/db", 1, "ct-1"));
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM flyway_schema_history WHERE version = '1' AND success")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void valueColumns_areBytea() throws Exception {
    Map<String, String> types = new HashMap<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT table_name || '.' || column_name, data_type "
                    + "FROM information_schema.columns WHERE table_schema = 'public'")) {
      while (rs.next()) {
        types.put(rs.getString(1), rs.getString(2));
      }
    }

    assertThat(types)
        .containsEntry("secrets.metadata", "bytea")
        .containsEntry("secret_versions.ciphertext", "bytea")
        .containsEntry("policies.ciphertext", "bytea")
        .containsEntry("system.value", "bytea")
        .containsEntry("secrets.revision", "bigint");
  }

  @Test
  void databaseFailure_isStoreException_namingPathButNoValue() throws Exception {
    store.writeSecret(create("app/db", "ct-1"));
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      // a constraint that fails on the row, so the server would like to quote it back
      s.execute("ALTER TABLE secret_versions ADD CONSTRAINT tiny CHECK (length(ciphertext) < 5)");
    }

    // even when the operator asks the driver for server details in the URL
    String verbose = url + "&logServerErrorDetail=true";
    try (SpikeStore verboseStore = Stores.open(new StoreConfig.Postgres(verbose))) {
      assertThat(assertRefusedWriteLeaksNoValue(verboseStore)).hasMessageContaining("23514");
    }
    assertThat(store.secret("app/db").orElseThrow().revision()).isEqualTo(1);
    assertThat(store.versions("app/db")).hasSize(1);
  }

  @Test
  void passwordInUrl_neverLogged() {
    String withPassword = url + "&password=hunter2-not-logged";
    try (LogCapture logs =
        LogCapture.withDebug("io.spike.store", "com.zaxxer.hikari", "org.flywaydb")) {
      try (SpikeStore replica = Stores.open(new StoreConfig.Postgres(withPassword))) {
        assertThat(replica.isEmpty()).isTrue();
      }
      assertThat(logs.count()).isPositive();
      assertThat(logs.text()).doesNotContain("hunter2");
    }
  }

  @Test
  void unreachableDatabase_isStoreException_withMaskedUrl() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String dead = "jdbc:postgresql://127.0.0.1:" + port + "/spike?user=spike&password=hunter2";

    assertThatThrownBy(() -> Stores.open(new StoreConfig.Postgres(dead)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("SPIKE_NEXUS_DB_URL")
        .hasMessageContaining("127.0.0.1:" + port)
        .satisfies(e -> assertThat(Throwables.messages(e)).doesNotContain("hunter2"));
  }

  @Test
  void lease_excludesTheOtherReplica_andIsFreedWhenItsSessionDies() throws Exception {
    try (SpikeStore replica = Stores.open(new StoreConfig.Postgres(url))) {
      StoreLease lease = store.tryLease("changelog-shipper").orElseThrow();
      assertThat(replica.tryLease("changelog-shipper")).isEmpty();
      lease.close();
      StoreLease taken = replica.tryLease("changelog-shipper").orElseThrow();
      assertThat(store.tryLease("changelog-shipper")).isEmpty();

      // the holder's connection dies (a crash, a network cut): the server frees the lock
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement()) {
        s.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_locks "
                + "WHERE locktype = 'advisory' AND database = "
                + "(SELECT oid FROM pg_database WHERE datname = current_database())");
      }

      assertThat(taken.held()).isFalse();
      taken.close();
      try (StoreLease again = store.tryLease("changelog-shipper").orElseThrow()) {
        assertThat(again.held()).isTrue();
      }
    }
  }

  @Test
  void twoReplicas_numberTheirChangesInOneSequence() throws Exception {
    try (SpikeStore replica = Stores.open(new StoreConfig.Postgres(url))) {
      assertThat(replica.changeLog()).isEqualTo(store.changeLog());
      assertTwoStoresLoseNoVersion(replica, 10);

      assertThat(recorded(replica))
          .extracting(Change::seq)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, THREADS * 10L).boxed().toList());
    }
  }

  @Test
  void upgrade_ofAVersion2Database_keepsItsRecords_andStartsAnEmptyLog() throws Exception {
    String bare = TestPostgres.newUnmigratedDatabaseUrl();
    assertVersion2DatabaseUpgrades(bare, "postgres", new StoreConfig.Postgres(bare));
  }

  @Test
  void aChangeThatCannotBeRecorded_isNotMade() throws Exception {
    assertAChangeThatCannotBeRecordedIsNotMade(
        "ALTER TABLE changes ADD CONSTRAINT refuse CHECK (seq < 0) NOT VALID");
  }
}
