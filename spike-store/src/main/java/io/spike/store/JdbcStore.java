package io.spike.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * {@link SpikeStore} over SQL, shared by SQLite and PostgreSQL.
 *
 * <p>Why {@link #writeSecret} is safe with several writers, even in several processes: the first
 * statement of its transaction is the compare-and-set on the secret row ({@code INSERT ... ON
 * CONFLICT DO NOTHING} for a new path, {@code UPDATE ... WHERE revision = expected} otherwise).
 * PostgreSQL locks the row until commit and re-checks the {@code WHERE} after a concurrent commit
 * (read committed), so exactly one of two racing writers sees one row changed; SQLite runs write
 * transactions one at a time ({@code BEGIN IMMEDIATE}). The loser changes nothing and gets {@code
 * false}; the winner holds the row lock while it writes the versions.
 *
 * <p>Lists are sorted in Java, not by SQL, so every backend (and every database collation) returns
 * the same order.
 *
 * <p>The change log: every mutating transaction ends by taking the next sequence number from the
 * one-row {@code change_log_state} table and inserting its change. On PostgreSQL the update locks
 * that row until commit, so the next writer gets its number only after this one committed: numbers
 * follow commit order, and a reader of committed rows never sees a later change before an earlier
 * one. The row is the last one a transaction locks (after the secret or policy rows its change
 * touched), so the lock adds no deadlock. SQLite writes one transaction at a time anyway.
 */
final class JdbcStore implements SpikeStore {

  private static final String SELECT_SECRET =
      "SELECT revision, metadata FROM secrets WHERE path = ?";
  private static final String SELECT_VERSION =
      "SELECT ciphertext FROM secret_versions WHERE path = ? AND version = ?";
  private static final String SELECT_VERSIONS =
      "SELECT version, ciphertext FROM secret_versions WHERE path = ?";
  private static final String SELECT_PATHS = "SELECT path FROM secrets";
  private static final String SELECT_PATHS_AFTER =
      "SELECT path FROM secrets WHERE path > ? ORDER BY path LIMIT ?";
  private static final String COUNT_SECRETS = "SELECT COUNT(*) FROM secrets";
  private static final String SELECT_VERSION_NUMBERS =
      "SELECT version FROM secret_versions WHERE path = ?";
  private static final String SELECT_ANCHOR =
      "SELECT lines, last_hash FROM audit_anchors WHERE name = ?";
  private static final String ADVANCE_ANCHOR =
      "INSERT INTO audit_anchors (name, lines, last_hash) VALUES (?, ?, ?) "
          + "ON CONFLICT (name) DO UPDATE SET lines = excluded.lines, last_hash = excluded.last_hash "
          + "WHERE audit_anchors.lines < excluded.lines";
  private static final String RESET_ANCHOR =
      "INSERT INTO audit_anchors (name, lines, last_hash) VALUES (?, ?, ?) "
          + "ON CONFLICT (name) DO UPDATE SET lines = excluded.lines, last_hash = excluded.last_hash";
  private static final String INSERT_SECRET =
      "INSERT INTO secrets (path, revision, metadata) VALUES (?, 1, ?) ON CONFLICT (path) DO NOTHING";
  private static final String UPDATE_SECRET =
      "UPDATE secrets SET revision = ?, metadata = ? WHERE path = ? AND revision = ?";
  private static final String UPSERT_VERSION =
      "INSERT INTO secret_versions (path, version, ciphertext) VALUES (?, ?, ?) "
          + "ON CONFLICT (path, version) DO UPDATE SET ciphertext = excluded.ciphertext";
  private static final String DELETE_VERSION =
      "DELETE FROM secret_versions WHERE path = ? AND version = ?";

  private static final String UPSERT_POLICY =
      "INSERT INTO policies (name, ciphertext) VALUES (?, ?) "
          + "ON CONFLICT (name) DO UPDATE SET ciphertext = excluded.ciphertext";
  private static final String SELECT_POLICY = "SELECT ciphertext FROM policies WHERE name = ?";
  private static final String REPLACE_POLICY =
      "UPDATE policies SET ciphertext = ? WHERE name = ? AND ciphertext = ?";
  private static final String SELECT_POLICIES = "SELECT name, ciphertext FROM policies";
  private static final String DELETE_POLICY = "DELETE FROM policies WHERE name = ?";
  private static final String BUMP_GENERATION =
      "UPDATE policy_generation SET generation = generation + 1 WHERE id = 1";
  private static final String SELECT_GENERATION =
      "SELECT generation FROM policy_generation WHERE id = 1";

  private static final String SELECT_SYSTEM = "SELECT value FROM system WHERE name = ?";
  private static final String UPSERT_SYSTEM =
      "INSERT INTO system (name, value) VALUES (?, ?) "
          + "ON CONFLICT (name) DO UPDATE SET value = excluded.value";
  private static final String DELETE_SYSTEM = "DELETE FROM system WHERE name = ?";
  private static final String INSERT_SYSTEM_IF_ABSENT =
      "INSERT INTO system (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING";

  private static final String SELECT_ANY =
      "SELECT CASE WHEN EXISTS (SELECT 1 FROM secrets) OR EXISTS (SELECT 1 FROM policies) "
          + "OR EXISTS (SELECT 1 FROM system) THEN 1 ELSE 0 END";

  // Binary collations on both databases: code point order, the same as MemoryStore's export.
  private static final String EXPORT_SYSTEM = "SELECT name, value FROM system ORDER BY name";
  private static final String EXPORT_SECRETS =
      "SELECT path, revision, metadata FROM secrets ORDER BY path";
  private static final String EXPORT_VERSIONS =
      "SELECT path, version, ciphertext FROM secret_versions ORDER BY path, version";
  private static final String EXPORT_POLICIES =
      "SELECT name, ciphertext FROM policies ORDER BY name";

  private static final String SELECT_LOG =
      "SELECT log_id, last_seq FROM change_log_state WHERE id = 1";
  private static final String INSERT_LOG_IF_ABSENT =
      "INSERT INTO change_log_state (id, log_id, last_seq, last_at) VALUES (1, ?, 0, 0) "
          + "ON CONFLICT (id) DO NOTHING";
  private static final String NEXT_SEQ =
      "UPDATE change_log_state SET last_seq = last_seq + 1, "
          + "last_at = CASE WHEN last_at > ? THEN last_at ELSE ? END WHERE id = 1";
  private static final String SELECT_SEQ =
      "SELECT last_seq, last_at FROM change_log_state WHERE id = 1";
  private static final String INSERT_CHANGE =
      "INSERT INTO changes (seq, at, kind, body) VALUES (?, ?, ?, ?)";
  private static final String SELECT_CHANGES =
      "SELECT seq, at, kind, body FROM changes WHERE seq > ? ORDER BY seq LIMIT ?";
  private static final String SELECT_CHANGES_OF_LOG =
      "SELECT c.seq, c.at, c.kind, c.body FROM changes c, change_log_state s "
          + "WHERE s.id = 1 AND s.log_id = ? AND c.seq > ? ORDER BY c.seq LIMIT ?";
  private static final String FORGET_CHANGES = "DELETE FROM changes WHERE seq <= ?";
  private static final String FORGET_CHANGES_OF_LOG =
      "DELETE FROM changes WHERE seq <= ? "
          + "AND EXISTS (SELECT 1 FROM change_log_state WHERE id = 1 AND log_id = ?)";
  private static final String START_LOG =
      "UPDATE change_log_state SET log_id = ?, last_seq = ? WHERE id = 1";

  private final JdbcBackend backend;
  private final AtomicBoolean closed = new AtomicBoolean();

  private JdbcStore(JdbcBackend backend) {
    this.backend = backend;
  }

  /**
   * The store over {@code backend}, whose change log gets its random id here when the database is
   * new (of several replicas opening it at once, the first to commit sets it; a database that has
   * one is only read). Closes the backend when that fails.
   */
  static JdbcStore open(JdbcBackend backend) {
    JdbcStore store = new JdbcStore(backend);
    try {
      if (store
          .readOnce("read change log position", c -> Sql.query(c, SELECT_LOG, rs -> 1))
          .isEmpty()) {
        store.write(
            "start change log",
            null,
            c -> Sql.update(c, INSERT_LOG_IF_ABSENT, ChangeLogPosition.newLogId()));
      }
      return store;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** The connection strategy underneath (tests inspect SQLite pragmas through it). */
  JdbcBackend jdbcBackend() {
    return backend;
  }

  @Override
  public String backend() {
    return backend.name();
  }

  // --- secrets ---

  @Override
  public Optional<SecretRecord> secret(String path) {
    Checks.key(path, "path");
    return read(
        "read secret",
        path,
        c ->
            Sql.queryFirst(
                c,
                SELECT_SECRET,
                rs -> new SecretRecord(path, rs.getLong(1), Sql.bytes(rs, 2)),
                path));
  }

  @Override
  public Optional<VersionRecord> version(String path, int version) {
    Checks.key(path, "path");
    return read(
        "read secret version",
        path,
        c ->
            Sql.queryFirst(
                c,
                SELECT_VERSION,
                rs -> new VersionRecord(path, version, Sql.bytes(rs, 1)),
                path,
                version));
  }

  @Override
  public List<VersionRecord> versions(String path) {
    Checks.key(path, "path");
    List<VersionRecord> versions =
        new ArrayList<>(
            read(
                "list secret versions",
                path,
                c ->
                    Sql.query(
                        c,
                        SELECT_VERSIONS,
                        rs -> new VersionRecord(path, rs.getInt(1), Sql.bytes(rs, 2)),
                        path)));
    versions.sort(Comparator.comparingInt(VersionRecord::version));
    return List.copyOf(versions);
  }

  @Override
  public List<String> secretPaths() {
    List<String> paths =
        new ArrayList<>(
            read("list secrets", null, c -> Sql.query(c, SELECT_PATHS, rs -> rs.getString(1))));
    paths.sort(Comparator.naturalOrder());
    return List.copyOf(paths);
  }

  @Override
  public List<String> secretPathsAfter(String after, int limit) {
    Objects.requireNonNull(after, "after");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
    return List.copyOf(
        read(
            "list secrets",
            null,
            c -> Sql.query(c, SELECT_PATHS_AFTER, rs -> rs.getString(1), after, limit)));
  }

  @Override
  public long secretCount() {
    return read("count secrets", null, c -> Sql.queryFirst(c, COUNT_SECRETS, rs -> rs.getLong(1)))
        .orElse(0L);
  }

  @Override
  public List<Integer> versionNumbers(String path) {
    Checks.key(path, "path");
    List<Integer> numbers =
        new ArrayList<>(
            read(
                "list secret versions",
                path,
                c -> Sql.query(c, SELECT_VERSION_NUMBERS, rs -> rs.getInt(1), path)));
    numbers.sort(Comparator.naturalOrder());
    return List.copyOf(numbers);
  }

  @Override
  public boolean writeSecret(SecretWrite write) {
    Objects.requireNonNull(write, "write");
    String path = write.path();
    return write(
        "write secret",
        path,
        c -> {
          int claimed =
              write.expectedRevision() == 0
                  ? Sql.update(c, INSERT_SECRET, path, write.metadata())
                  : Sql.update(
                      c,
                      UPDATE_SECRET,
                      write.newRevision(),
                      write.metadata(),
                      path,
                      write.expectedRevision());
          if (claimed != 1) {
            return false; // lost the race or stale revision: nothing has been written
          }
          for (VersionRecord upsert : write.upserts()) {
            Sql.update(c, UPSERT_VERSION, path, upsert.version(), upsert.ciphertext());
          }
          for (int removal : write.removals()) {
            Sql.update(c, DELETE_VERSION, path, removal);
          }
          record(c, new ChangeBody.SecretWritten(write));
          return true;
        });
  }

  // --- policies ---

  @Override
  public void putPolicy(PolicyRecord policy) {
    Objects.requireNonNull(policy, "policy");
    write(
        "write policy",
        policy.name(),
        c -> {
          Sql.update(c, UPSERT_POLICY, policy.name(), policy.ciphertext());
          Sql.update(c, BUMP_GENERATION);
          record(c, new ChangeBody.PolicyPut(policy));
          return null;
        });
  }

  @Override
  public boolean replacePolicy(String name, byte[] expected, byte[] next) {
    Checks.key(name, "name");
    byte[] was = Checks.copy(expected, "expected");
    byte[] now = Checks.copy(next, "next");
    return write(
        "replace policy",
        name,
        c -> {
          if (Sql.update(c, REPLACE_POLICY, now, name, was) != 1) {
            return false;
          }
          Sql.update(c, BUMP_GENERATION);
          record(c, new ChangeBody.PolicyPut(new PolicyRecord(name, now)));
          return true;
        });
  }

  @Override
  public Optional<PolicyRecord> policy(String name) {
    Checks.key(name, "name");
    return read(
        "read policy",
        name,
        c ->
            Sql.queryFirst(c, SELECT_POLICY, rs -> new PolicyRecord(name, Sql.bytes(rs, 1)), name));
  }

  @Override
  public List<PolicyRecord> policies() {
    List<PolicyRecord> policies =
        new ArrayList<>(
            read(
                "list policies",
                null,
                c ->
                    Sql.query(
                        c,
                        SELECT_POLICIES,
                        rs -> new PolicyRecord(rs.getString(1), Sql.bytes(rs, 2)))));
    policies.sort(Comparator.comparing(PolicyRecord::name));
    return List.copyOf(policies);
  }

  @Override
  public boolean deletePolicy(String name) {
    Checks.key(name, "name");
    return write(
        "delete policy",
        name,
        c -> {
          if (Sql.update(c, DELETE_POLICY, name) == 0) {
            return false;
          }
          Sql.update(c, BUMP_GENERATION);
          record(c, new ChangeBody.PolicyDeleted(name));
          return true;
        });
  }

  @Override
  public long policyGeneration() {
    return read(
            "read policy generation",
            null,
            c -> Sql.queryFirst(c, SELECT_GENERATION, rs -> rs.getLong(1)))
        .orElseThrow(() -> new StoreException("policy generation row is missing"));
  }

  // --- audit anchors ---

  @Override
  public Optional<AuditAnchor> auditAnchor(String name) {
    Checks.key(name, "name");
    return read(
        "read audit anchor",
        name,
        c ->
            Sql.queryFirst(
                c, SELECT_ANCHOR, rs -> new AuditAnchor(rs.getLong(1), rs.getString(2)), name));
  }

  @Override
  public boolean advanceAuditAnchor(String name, AuditAnchor anchor) {
    Checks.key(name, "name");
    Objects.requireNonNull(anchor, "anchor");
    return write(
        "advance audit anchor",
        name,
        c -> Sql.update(c, ADVANCE_ANCHOR, name, anchor.lines(), anchor.lastHash()) == 1);
  }

  @Override
  public void resetAuditAnchor(String name, AuditAnchor anchor) {
    Checks.key(name, "name");
    Objects.requireNonNull(anchor, "anchor");
    write(
        "reset audit anchor",
        name,
        c -> Sql.update(c, RESET_ANCHOR, name, anchor.lines(), anchor.lastHash()));
  }

  // --- system records ---

  @Override
  public Optional<byte[]> system(SystemKey key) {
    Objects.requireNonNull(key, "key");
    return read(
        "read system record",
        key.id(),
        c -> Sql.queryFirst(c, SELECT_SYSTEM, rs -> Sql.bytes(rs, 1), key.id()));
  }

  @Override
  public void putSystem(Map<SystemKey, byte[]> values) {
    writeSystem("write system records", SystemValues.copyOf(values), Set.of());
  }

  @Override
  public void updateSystem(Map<SystemKey, byte[]> puts, Set<SystemKey> removals) {
    Map<SystemKey, byte[]> copies = SystemValues.copyOf(puts);
    writeSystem("update system records", copies, SystemValues.removalsOf(copies, removals));
  }

  private void writeSystem(String what, Map<SystemKey, byte[]> puts, Set<SystemKey> removed) {
    write(
        what,
        null,
        c -> {
          for (Map.Entry<SystemKey, byte[]> e : puts.entrySet()) {
            Sql.update(c, UPSERT_SYSTEM, e.getKey().id(), e.getValue());
          }
          for (SystemKey key : removed) {
            Sql.update(c, DELETE_SYSTEM, key.id());
          }
          record(c, new ChangeBody.SystemUpdated(puts, removed));
          return null;
        });
  }

  @Override
  public boolean initialize(Map<SystemKey, byte[]> values) {
    Map<SystemKey, byte[]> copies = SystemValues.copyForInitialize(values);
    return write(
        "initialize",
        null,
        c -> {
          // The key check goes first: it is the claim. A replica that loses writes nothing.
          String keyCheck = SystemKey.KEY_CHECK.id();
          if (Sql.update(c, INSERT_SYSTEM_IF_ABSENT, keyCheck, copies.get(SystemKey.KEY_CHECK))
              != 1) {
            return false;
          }
          for (Map.Entry<SystemKey, byte[]> e : copies.entrySet()) {
            if (e.getKey() != SystemKey.KEY_CHECK) {
              Sql.update(c, UPSERT_SYSTEM, e.getKey().id(), e.getValue());
            }
          }
          record(c, new ChangeBody.SystemUpdated(copies, Set.of()));
          return true;
        });
  }

  @Override
  public boolean isEmpty() {
    return readOnce("check emptiness", c -> Sql.queryFirst(c, SELECT_ANY, rs -> rs.getInt(1)))
            .orElse(0)
        == 0;
  }

  @Override
  public void wipe() {
    write(
        "wipe",
        null,
        c -> {
          deleteAll(c);
          Sql.update(c, BUMP_GENERATION);
          record(c, new ChangeBody.Wiped());
          return null;
        });
  }

  private static void deleteAll(Connection c) throws SQLException {
    Sql.update(c, "DELETE FROM secret_versions");
    Sql.update(c, "DELETE FROM secrets");
    Sql.update(c, "DELETE FROM policies");
    Sql.update(c, "DELETE FROM system");
  }

  // --- change log ---

  /** Takes the next sequence number and records the change: the last step of every write. */
  private static void record(Connection c, ChangeBody body) throws SQLException {
    long now = System.currentTimeMillis();
    Sql.update(c, NEXT_SEQ, now, now);
    long[] next =
        Sql.queryFirst(c, SELECT_SEQ, rs -> new long[] {rs.getLong(1), rs.getLong(2)})
            .orElseThrow(() -> new StoreException("change log state row is missing"));
    Sql.update(c, INSERT_CHANGE, next[0], next[1], body.kind().code(), body.encode());
  }

  @Override
  public ChangeLogPosition changeLog() {
    return read("read change log position", null, JdbcStore::position);
  }

  private static ChangeLogPosition position(Connection c) throws SQLException {
    return Sql.queryFirst(
            c, SELECT_LOG, rs -> new ChangeLogPosition(rs.getString(1), rs.getLong(2)))
        .orElseThrow(() -> new StoreException("change log state row is missing"));
  }

  @Override
  public List<Change> changesAfter(long seq, int limit) {
    return changes(SELECT_CHANGES, limit, seq, limit);
  }

  @Override
  public List<Change> changesAfter(String logId, long seq, int limit) {
    return changes(SELECT_CHANGES_OF_LOG, limit, Checks.key(logId, "logId"), seq, limit);
  }

  private List<Change> changes(String sql, int limit, Object... params) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
    return List.copyOf(
        read(
            "read changes",
            null,
            c ->
                Sql.query(
                    c,
                    sql,
                    rs ->
                        new Change(
                            rs.getLong(1),
                            Instant.ofEpochMilli(rs.getLong(2)),
                            Change.Kind.fromCode(rs.getInt(3))
                                .orElseThrow(
                                    () -> new StoreException("unknown change kind in the log")),
                            Sql.bytes(rs, 4)),
                    params)));
  }

  @Override
  public void forgetChangesThrough(long seq) {
    write("forget changes", null, c -> Sql.update(c, FORGET_CHANGES, seq));
  }

  @Override
  public void forgetChangesThrough(String logId, long seq) {
    Checks.key(logId, "logId");
    write("forget changes", null, c -> Sql.update(c, FORGET_CHANGES_OF_LOG, seq, logId));
  }

  @Override
  public void startChangeLog(String logId, long lastSeq) {
    ChangeLogPosition position = new ChangeLogPosition(logId, lastSeq);
    write("start change log", null, c -> startLog(c, position));
  }

  private static int startLog(Connection c, ChangeLogPosition position) throws SQLException {
    Sql.update(c, "DELETE FROM changes");
    return Sql.update(c, START_LOG, position.logId(), position.lastSeq());
  }

  @Override
  public Optional<StoreLease> tryLease(String name) {
    Checks.key(name, "name");
    ensureOpen();
    try {
      return backend.tryLease(name);
    } catch (SQLException e) {
      throw failure("take lease", name, e);
    }
  }

  // --- bulk ---

  @Override
  public void export(RecordVisitor visitor) {
    Objects.requireNonNull(visitor, "visitor");
    readConsistent(
        "export",
        c -> {
          visitor.changeLog(position(c));
          Sql.forEach(
              c,
              EXPORT_SYSTEM,
              rs -> {
                String id = rs.getString(1);
                SystemKey key =
                    SystemKey.fromId(id)
                        .orElseThrow(
                            () -> new StoreException("unknown system record '" + id + "'"));
                visitor.system(key, Sql.bytes(rs, 2));
              });
          Sql.forEach(
              c,
              EXPORT_SECRETS,
              rs ->
                  visitor.secret(
                      new SecretRecord(rs.getString(1), rs.getLong(2), Sql.bytes(rs, 3))));
          Sql.forEach(
              c,
              EXPORT_VERSIONS,
              rs ->
                  visitor.version(
                      new VersionRecord(rs.getString(1), rs.getInt(2), Sql.bytes(rs, 3))));
          Sql.forEach(
              c,
              EXPORT_POLICIES,
              rs -> visitor.policy(new PolicyRecord(rs.getString(1), Sql.bytes(rs, 2))));
          return null;
        });
  }

  @Override
  public void importAll(Consumer<RecordVisitor> source) {
    load("import", false, source);
  }

  @Override
  public void replaceAll(Consumer<RecordVisitor> source) {
    load("replace", true, source);
  }

  private void load(String operation, boolean replace, Consumer<RecordVisitor> source) {
    Objects.requireNonNull(source, "source");
    bulk(
        operation,
        c -> {
          if (replace) {
            deleteAll(c);
          } else if (Sql.queryFirst(c, SELECT_ANY, rs -> rs.getInt(1)).orElse(0) != 0) {
            throw new StoreNotEmptyException(
                backend.name() + " store: import refused: the store is " + "not empty");
          }
          try (JdbcImport sink = new JdbcImport(c)) {
            source.accept(sink);
            sink.finish();
          } catch (JdbcImport.Failure e) {
            throw e.getCause();
          }
          startLog(c, new ChangeLogPosition(ChangeLogPosition.newLogId(), 0));
          return Sql.update(c, BUMP_GENERATION);
        });
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      backend.close();
    }
  }

  @Override
  public String toString() {
    return "JdbcStore[" + backend + "]";
  }

  // --- plumbing ---

  private <T> T read(String operation, String subject, JdbcBackend.Work<T> work) {
    ensureOpen();
    try {
      return backend.read(work);
    } catch (SQLException e) {
      throw failure(operation, subject, e);
    }
  }

  private <T> T readOnce(String operation, JdbcBackend.Work<T> work) {
    ensureOpen();
    try {
      return backend.readOnce(work);
    } catch (SQLException e) {
      throw failure(operation, null, e);
    }
  }

  private <T> T readConsistent(String operation, JdbcBackend.Work<T> work) {
    ensureOpen();
    try {
      return backend.readConsistent(work);
    } catch (SQLException e) {
      throw failure(operation, null, e);
    }
  }

  private <T> T write(String operation, String subject, JdbcBackend.Work<T> work) {
    ensureOpen();
    try {
      return backend.write(work);
    } catch (SQLException e) {
      throw failure(operation, subject, e);
    }
  }

  /** A bulk load ({@link JdbcBackend#writeBulk}); failures as {@link #write}'s. */
  private void bulk(String operation, JdbcBackend.Work<?> work) {
    ensureOpen();
    try {
      backend.writeBulk(work);
    } catch (SQLException e) {
      throw failure(operation, null, e);
    }
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new StoreException("store is closed");
    }
  }

  private StoreException failure(String operation, String subject, SQLException e) {
    StringBuilder m = new StringBuilder(backend.name()).append(" store: ").append(operation);
    if (subject != null) {
      m.append(" '").append(subject).append('\'');
    }
    m.append(" failed");
    if (e.getSQLState() != null) {
      m.append(" (SQLState ").append(e.getSQLState()).append(')');
    }
    return switch (StoreFailures.classify(e)) {
      case FULL -> new StoreFullException(m.append(": the store is out of space").toString(), e);
      case UNAVAILABLE ->
          new StoreUnavailableException(m.append(": the store cannot be reached").toString(), e);
      case OTHER -> new StoreException(m.toString(), e);
    };
  }
}
