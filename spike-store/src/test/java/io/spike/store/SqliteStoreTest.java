package io.spike.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqliteStoreTest extends SpikeStoreContract {

  private Path file;

  @Override
  protected SpikeStore newStore(Path tempDir) {
    file = tempDir.resolve("data").resolve("spike.db");
    return Stores.open(new StoreConfig.Sqlite(file));
  }

  private SqliteBackend backend() {
    return (SqliteBackend) ((JdbcStore) store).jdbcBackend();
  }

  @Override
  protected String backendName() {
    return "sqlite";
  }

  @Override
  protected String jdbcUrl() {
    return "jdbc:sqlite:" + file;
  }

  @Test
  void reopen_keepsEverything() {
    long generation = writeOneOfEach("app/db", new PolicyRecord("ops", bytes("pol")));
    store.close();

    store = Stores.open(new StoreConfig.Sqlite(file));

    assertSecret("app/db", 1, "meta-1", version("app/db", 1, "ct-1"));
    assertThat(store.policies()).containsExactly(new PolicyRecord("ops", bytes("pol")));
    assertThat(store.system(SystemKey.KEY_CHECK).orElseThrow()).isEqualTo(bytes("check"));
    assertThat(store.policyGeneration()).isEqualTo(generation);
    assertThat(store.initialize(Map.of(SystemKey.KEY_CHECK, bytes("other")))).isFalse();
  }

  @Test
  void connections_areDurable_walAndSynchronousFull() throws Exception {
    for (boolean onWriter : new boolean[] {true, false}) {
      assertThat(backend().pragma("journal_mode", onWriter)).isEqualToIgnoringCase("wal");
      assertThat(backend().pragma("synchronous", onWriter)).isEqualTo("2"); // FULL
      assertThat(backend().pragma("foreign_keys", onWriter)).isEqualTo("1");
      assertThat(backend().pragma("busy_timeout", onWriter))
          .isEqualTo(String.valueOf(SqliteBackend.BUSY_TIMEOUT_MILLIS));
    }
  }

  @Test
  void writeBulk_raisesTheCacheForTheWorkOnly_keepsSynchronousFull() throws Exception {
    String before = backend().pragma("cache_size", true);
    JdbcBackend.Work<String> pragmas =
        c ->
            Sql.query(c, "PRAGMA cache_size", rs -> rs.getString(1)).get(0)
                + " "
                + Sql.query(c, "PRAGMA synchronous", rs -> rs.getString(1)).get(0);

    assertThat(backend().writeBulk(pragmas))
        .isEqualTo("-" + SqliteBackend.BULK_CACHE_KIB + " 2"); // FULL
    assertThat(backend().pragma("cache_size", true)).isEqualTo(before);
    assertThatThrownBy(
            () ->
                backend()
                    .writeBulk(
                        c -> {
                          throw new SQLException("import failed");
                        }))
        .hasMessage("import failed");
    assertThat(backend().pragma("cache_size", true)).isEqualTo(before);
  }

  @Test
  void writeBulk_onAStoreNoOtherConnectionHasOpen_usesTheRollbackJournal_thenWalAgain()
      throws Exception {
    JdbcBackend.Work<String> modes =
        c ->
            Sql.query(c, "PRAGMA journal_mode", rs -> rs.getString(1)).get(0)
                + " "
                + Sql.query(c, "PRAGMA synchronous", rs -> rs.getString(1)).get(0)
                + " "
                + Sql.query(c, "PRAGMA busy_timeout", rs -> rs.getString(1)).get(0);

    assertThat(backend().writeBulk(modes))
        .isEqualTo("delete 2 " + SqliteBackend.BUSY_TIMEOUT_MILLIS); // FULL, waiting as before
    assertThat(backend().pragma("journal_mode", true)).isEqualToIgnoringCase("wal");
    assertThat(backend().pragma("journal_mode", false)).isEqualToIgnoringCase("wal");

    // a reader connection is open now: the load stays in WAL mode, without waiting for it
    assertThat(backend().writeBulk(modes)).isEqualTo("wal 2 " + SqliteBackend.BUSY_TIMEOUT_MILLIS);
    assertThat(backend().pragma("journal_mode", true)).isEqualToIgnoringCase("wal");
  }

  @Test
  void importAll_inTheRollbackJournal_failingMidway_leavesTheStoreEmptyAndInWal() throws Exception {
    assertThatThrownBy(
            () ->
                store.importAll(
                    sink -> {
                      sink.secret(new SecretRecord("a", 1, bytes("m")));
                      sink.version(version("a", 1, "v"));
                      throw new IllegalStateException("source broke");
                    }))
        .hasMessage("source broke");

    assertThat(store.isEmpty()).isTrue();
    assertThat(backend().pragma("journal_mode", true)).isEqualToIgnoringCase("wal");
    store.importAll(sink -> sink.secret(new SecretRecord("b", 1, bytes("m"))));
    store.close();
    store = Stores.open(new StoreConfig.Sqlite(file));
    assertThat(store.secret("b")).isPresent();
  }

  @Test
  void open_createsPrivateDataDirAndFile() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void open_appliesTheMigration() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")) {
      for (String version : new String[] {"1", "2", "3"}) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo(version);
        assertThat(rs.getBoolean(2)).isTrue();
      }
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void file_holdsTheCiphertextAsGiven() throws Exception {
    byte[] ciphertext = new byte[48];
    new SecureRandom().nextBytes(ciphertext);
    store.writeSecret(
        new SecretWrite(
            "p", 0, bytes("m"), List.of(new VersionRecord("p", 1, ciphertext)), List.of()));
    store.close();
    store = null;

    assertThat(Path.of(file + "-wal")).doesNotExist(); // checkpointed on close
    String fileHex = HexFormat.of().formatHex(Files.readAllBytes(file));
    assertThat(fileHex).contains(HexFormat.of().formatHex(ciphertext));
  }

  @Test
  void twoStoresOnOneFile_likeTwoProcesses_loseNoVersion() throws Exception {
    try (SpikeStore other = Stores.open(new StoreConfig.Sqlite(file))) {
      assertTwoStoresLoseNoVersion(other, WRITES_PER_THREAD / 2);
    }
  }

  @Test
  void twoStoresOnOneFile_initializeOnce() throws Exception {
    try (SpikeStore other = Stores.open(new StoreConfig.Sqlite(file))) {
      assertTwoStoresInitializeOnce(other);
    }
  }

  @Test
  void databaseFailure_isStoreException_namingPathButNoValue() throws Exception {
    store.writeSecret(create("app/db", "ct-1"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE secret_versions");
    }

    assertRefusedWriteLeaksNoValue(store);
    // the failed transaction left the secret untouched
    assertThat(store.secret("app/db").orElseThrow().revision()).isEqualTo(1);
  }

  @Test
  void open_ofAFileThatIsNotADatabase_isStoreException() throws Exception {
    Path garbage = tempDir.resolve("garbage.db");
    Files.write(garbage, new byte[4096]);
    Files.write(garbage, bytes("definitely not sqlite"), StandardOpenOption.WRITE);

    assertThatThrownBy(() -> Stores.open(new StoreConfig.Sqlite(garbage)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("sqlite");
  }

  @Test
  void upgrade_ofAVersion2File_keepsItsRecords_andStartsAnEmptyLog() throws Exception {
    Path old = tempDir.resolve("old.db");
    assertVersion2DatabaseUpgrades("jdbc:sqlite:" + old, "sqlite", new StoreConfig.Sqlite(old));
  }

  @Test
  void reopen_keepsTheChangeLog() {
    store.putPolicy(new PolicyRecord("a", bytes("x")));
    ChangeLogPosition before = store.changeLog();
    store.close();

    store = Stores.open(new StoreConfig.Sqlite(file));

    assertThat(store.changeLog()).isEqualTo(before);
    assertThat(recorded(store)).hasSize(1);
  }

  @Test
  void aChangeThatCannotBeRecorded_isNotMade() throws Exception {
    assertAChangeThatCannotBeRecordedIsNotMade(
        "CREATE TRIGGER refuse BEFORE INSERT ON changes BEGIN SELECT RAISE(ABORT, 'refused'); END");
  }
}
