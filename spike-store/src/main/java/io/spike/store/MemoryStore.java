package io.spike.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The in-memory backend: the same semantics as the databases, nothing survives the process.
 *
 * <p>One read-write lock guards all maps, so every write is atomic and every read sees a consistent
 * state. Arrays are copied by the records on the way in and out. The change log is kept under the
 * same lock, so a change and its log entry appear together.
 */
final class MemoryStore implements SpikeStore {

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final TreeMap<String, StoredSecret> secrets = new TreeMap<>();
  private final TreeMap<String, PolicyRecord> policies = new TreeMap<>();
  private final EnumMap<SystemKey, byte[]> system = new EnumMap<>(SystemKey.class);
  private final HashMap<String, AuditAnchor> anchors = new HashMap<>();
  private final TreeMap<Long, Change> changes = new TreeMap<>();
  private final LocalLeases leases = new LocalLeases();
  private long policyGeneration;
  private String logId = ChangeLogPosition.newLogId();
  private long lastSeq;
  private long lastAt;
  private boolean closed;

  /** A secret's row and its versions; mutated only under the write lock. */
  private static final class StoredSecret {
    SecretRecord record;
    final TreeMap<Integer, VersionRecord> versions = new TreeMap<>();

    StoredSecret(SecretRecord record) {
      this.record = record;
    }
  }

  @Override
  public String backend() {
    return "memory";
  }

  @Override
  public Optional<SecretRecord> secret(String path) {
    Checks.key(path, "path");
    return read(() -> Optional.ofNullable(secrets.get(path)).map(s -> s.record));
  }

  @Override
  public Optional<VersionRecord> version(String path, int version) {
    Checks.key(path, "path");
    return read(() -> Optional.ofNullable(secrets.get(path)).map(s -> s.versions.get(version)));
  }

  @Override
  public List<VersionRecord> versions(String path) {
    Checks.key(path, "path");
    return read(
        () -> {
          StoredSecret s = secrets.get(path);
          return s == null ? List.of() : List.copyOf(s.versions.values());
        });
  }

  @Override
  public List<String> secretPaths() {
    return read(() -> List.copyOf(secrets.keySet()));
  }

  @Override
  public List<String> secretPathsAfter(String after, int limit) {
    Objects.requireNonNull(after, "after");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
    return read(() -> secrets.tailMap(after, false).keySet().stream().limit(limit).toList());
  }

  @Override
  public long secretCount() {
    return read(() -> (long) secrets.size());
  }

  @Override
  public List<Integer> versionNumbers(String path) {
    return versions(path).stream().map(VersionRecord::version).toList();
  }

  @Override
  public Optional<AuditAnchor> auditAnchor(String name) {
    Checks.key(name, "name");
    return read(() -> Optional.ofNullable(anchors.get(name)));
  }

  @Override
  public boolean advanceAuditAnchor(String name, AuditAnchor anchor) {
    Checks.key(name, "name");
    Objects.requireNonNull(anchor, "anchor");
    return write(
        () -> {
          AuditAnchor stored = anchors.get(name);
          if (stored != null && stored.lines() >= anchor.lines()) {
            return false;
          }
          anchors.put(name, anchor);
          return true;
        });
  }

  @Override
  public void resetAuditAnchor(String name, AuditAnchor anchor) {
    Checks.key(name, "name");
    Objects.requireNonNull(anchor, "anchor");
    write(() -> anchors.put(name, anchor));
  }

  @Override
  public boolean writeSecret(SecretWrite write) {
    return write(
        () -> {
          StoredSecret current = secrets.get(write.path());
          long revision = current == null ? 0 : current.record.revision();
          if (revision != write.expectedRevision()) {
            return false;
          }
          SecretRecord record =
              new SecretRecord(write.path(), write.newRevision(), write.metadata());
          StoredSecret target = current == null ? new StoredSecret(record) : current;
          target.record = record;
          write.upserts().forEach(v -> target.versions.put(v.version(), v));
          write.removals().forEach(target.versions::remove);
          secrets.put(write.path(), target);
          record(new ChangeBody.SecretWritten(write));
          return true;
        });
  }

  @Override
  public void putPolicy(PolicyRecord policy) {
    write(
        () -> {
          policies.put(policy.name(), policy);
          policyGeneration++;
          record(new ChangeBody.PolicyPut(policy));
          return null;
        });
  }

  @Override
  public Optional<PolicyRecord> policy(String name) {
    Checks.key(name, "name");
    return read(() -> Optional.ofNullable(policies.get(name)));
  }

  @Override
  public List<PolicyRecord> policies() {
    return read(() -> List.copyOf(policies.values()));
  }

  @Override
  public boolean deletePolicy(String name) {
    Checks.key(name, "name");
    return write(
        () -> {
          boolean removed = policies.remove(name) != null;
          if (removed) {
            policyGeneration++;
            record(new ChangeBody.PolicyDeleted(name));
          }
          return removed;
        });
  }

  @Override
  public boolean replacePolicy(String name, byte[] expected, byte[] next) {
    Checks.key(name, "name");
    byte[] was = Checks.copy(expected, "expected");
    PolicyRecord replacement = new PolicyRecord(name, next);
    return write(
        () -> {
          PolicyRecord current = policies.get(name);
          if (current == null || !Arrays.equals(current.ciphertext(), was)) {
            return false;
          }
          policies.put(name, replacement);
          policyGeneration++;
          record(new ChangeBody.PolicyPut(replacement));
          return true;
        });
  }

  @Override
  public long policyGeneration() {
    return read(() -> policyGeneration);
  }

  @Override
  public Optional<byte[]> system(SystemKey key) {
    return read(() -> Optional.ofNullable(system.get(key)).map(byte[]::clone));
  }

  @Override
  public void putSystem(Map<SystemKey, byte[]> values) {
    updateSystem(values, Set.of());
  }

  @Override
  public void updateSystem(Map<SystemKey, byte[]> puts, Set<SystemKey> removals) {
    Map<SystemKey, byte[]> copies = SystemValues.copyOf(puts);
    Set<SystemKey> removed = SystemValues.removalsOf(copies, removals);
    write(
        () -> {
          system.putAll(copies);
          removed.forEach(system::remove);
          record(new ChangeBody.SystemUpdated(copies, removed));
          return null;
        });
  }

  @Override
  public boolean initialize(Map<SystemKey, byte[]> values) {
    Map<SystemKey, byte[]> copies = SystemValues.copyForInitialize(values);
    return write(
        () -> {
          if (system.containsKey(SystemKey.KEY_CHECK)) {
            return false;
          }
          system.putAll(copies);
          record(new ChangeBody.SystemUpdated(copies, Set.of()));
          return true;
        });
  }

  @Override
  public boolean isEmpty() {
    return read(() -> secrets.isEmpty() && policies.isEmpty() && system.isEmpty());
  }

  @Override
  public void wipe() {
    write(
        () -> {
          secrets.clear();
          policies.clear();
          system.clear();
          policyGeneration++;
          record(new ChangeBody.Wiped());
          return null;
        });
  }

  // --- change log ---

  /** Appends a change; called under the write lock, after the change is made. */
  private void record(ChangeBody body) {
    lastAt = Math.max(lastAt, System.currentTimeMillis());
    lastSeq++;
    changes.put(lastSeq, Change.of(lastSeq, Instant.ofEpochMilli(lastAt), body));
  }

  @Override
  public ChangeLogPosition changeLog() {
    return read(() -> new ChangeLogPosition(logId, lastSeq));
  }

  @Override
  public List<Change> changesAfter(long seq, int limit) {
    return changes(null, seq, limit);
  }

  @Override
  public List<Change> changesAfter(String logId, long seq, int limit) {
    return changes(Checks.key(logId, "logId"), seq, limit);
  }

  /** The changes after {@code seq}; none when {@code onlyOfLog} is given and is not the log. */
  private List<Change> changes(String onlyOfLog, long seq, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
    return read(
        () ->
            onlyOfLog == null || onlyOfLog.equals(logId)
                ? changes.tailMap(seq, false).values().stream().limit(limit).toList()
                : List.of());
  }

  @Override
  public void forgetChangesThrough(long seq) {
    forget(null, seq);
  }

  @Override
  public void forgetChangesThrough(String logId, long seq) {
    forget(Checks.key(logId, "logId"), seq);
  }

  private void forget(String onlyOfLog, long seq) {
    write(
        () -> {
          if (onlyOfLog == null || onlyOfLog.equals(logId)) {
            changes.headMap(seq, true).clear();
          }
          return null;
        });
  }

  @Override
  public void startChangeLog(String logId, long lastSeq) {
    ChangeLogPosition position = new ChangeLogPosition(logId, lastSeq);
    write(
        () -> {
          startLog(position);
          return null;
        });
  }

  private void startLog(ChangeLogPosition position) {
    changes.clear();
    logId = position.logId();
    lastSeq = position.lastSeq();
  }

  @Override
  public Optional<StoreLease> tryLease(String name) {
    read(() -> null); // fails when closed
    return leases.tryLease(name);
  }

  // --- bulk ---

  /**
   * Copies references to the (immutable) records under the read lock, then visits them outside it:
   * one consistent view, and a visitor that writes to this store cannot deadlock.
   */
  @Override
  public void export(RecordVisitor visitor) {
    Objects.requireNonNull(visitor, "visitor");
    List<Map.Entry<SystemKey, byte[]>> systemRecords = new ArrayList<>();
    List<SecretRecord> secretRecords = new ArrayList<>();
    List<VersionRecord> versionRecords = new ArrayList<>();
    List<PolicyRecord> policyRecords = new ArrayList<>();
    ChangeLogPosition position =
        read(
            () -> {
              system.forEach((key, value) -> systemRecords.add(Map.entry(key, value)));
              for (StoredSecret s : secrets.values()) {
                secretRecords.add(s.record);
                versionRecords.addAll(s.versions.values());
              }
              policyRecords.addAll(policies.values());
              return new ChangeLogPosition(logId, lastSeq);
            });
    systemRecords.sort(Comparator.comparing(e -> e.getKey().id(), CODE_POINT_ORDER));
    secretRecords.sort(Comparator.comparing(SecretRecord::path, CODE_POINT_ORDER));
    versionRecords.sort(
        Comparator.comparing(VersionRecord::path, CODE_POINT_ORDER)
            .thenComparingInt(VersionRecord::version));
    policyRecords.sort(Comparator.comparing(PolicyRecord::name, CODE_POINT_ORDER));
    visitor.changeLog(position);
    systemRecords.forEach(e -> visitor.system(e.getKey(), e.getValue().clone()));
    secretRecords.forEach(visitor::secret);
    versionRecords.forEach(visitor::version);
    policyRecords.forEach(visitor::policy);
  }

  @Override
  public void importAll(Consumer<RecordVisitor> source) {
    load(false, source);
  }

  @Override
  public void replaceAll(Consumer<RecordVisitor> source) {
    load(true, source);
  }

  /** Stages the source's records aside and swaps them in only when all are accepted. */
  private void load(boolean replace, Consumer<RecordVisitor> source) {
    Objects.requireNonNull(source, "source");
    write(
        () -> {
          if (!replace && !(secrets.isEmpty() && policies.isEmpty() && system.isEmpty())) {
            throw new StoreNotEmptyException(
                "memory store: import refused: the store is not empty");
          }
          Staging staging = new Staging();
          source.accept(staging);
          staging.checkVersionsHaveSecrets();
          secrets.clear();
          policies.clear();
          system.clear();
          secrets.putAll(staging.secrets);
          policies.putAll(staging.policies);
          system.putAll(staging.system);
          policyGeneration++;
          startLog(new ChangeLogPosition(ChangeLogPosition.newLogId(), 0));
          return null;
        });
  }

  /** Records being imported; refuses duplicates like the databases' primary keys. */
  private static final class Staging implements RecordVisitor {
    final TreeMap<String, StoredSecret> secrets = new TreeMap<>();
    final TreeMap<String, PolicyRecord> policies = new TreeMap<>();
    final EnumMap<SystemKey, byte[]> system = new EnumMap<>(SystemKey.class);
    final List<VersionRecord> versions = new ArrayList<>();

    @Override
    public void system(SystemKey key, byte[] value) {
      Objects.requireNonNull(key, "key");
      if (system.putIfAbsent(key, Checks.copy(value, key.id())) != null) {
        throw duplicate("system record", key.id());
      }
    }

    @Override
    public void secret(SecretRecord record) {
      if (secrets.putIfAbsent(record.path(), new StoredSecret(record)) != null) {
        throw duplicate("secret", record.path());
      }
    }

    @Override
    public void version(VersionRecord record) {
      versions.add(Objects.requireNonNull(record, "record"));
    }

    @Override
    public void policy(PolicyRecord record) {
      if (policies.putIfAbsent(record.name(), record) != null) {
        throw duplicate("policy", record.name());
      }
    }

    void checkVersionsHaveSecrets() {
      for (VersionRecord v : versions) {
        StoredSecret s = secrets.get(v.path());
        if (s == null) {
          throw new StoreException(
              "memory store: import failed: version "
                  + v.version()
                  + " of '"
                  + v.path()
                  + "' has no secret");
        }
        if (s.versions.putIfAbsent(v.version(), v) != null) {
          throw duplicate("version " + v.version() + " of", v.path());
        }
      }
    }

    private static StoreException duplicate(String what, String key) {
      return new StoreException(
          "memory store: import failed: duplicate " + what + " '" + key + "'");
    }
  }

  /** The byte order of UTF-8, which is how both databases order keys. */
  private static final Comparator<String> CODE_POINT_ORDER =
      (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
          int ca = a.codePointAt(i);
          int cb = b.codePointAt(j);
          if (ca != cb) {
            return Integer.compare(ca, cb);
          }
          i += Character.charCount(ca);
          j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
      };

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closed = true;
      secrets.clear();
      policies.clear();
      system.clear();
      changes.clear();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private <T> T read(Supplier<T> work) {
    return underLock(lock.readLock(), work);
  }

  private <T> T write(Supplier<T> work) {
    return underLock(lock.writeLock(), work);
  }

  private <T> T underLock(Lock held, Supplier<T> work) {
    held.lock();
    try {
      ensureOpen();
      return work.get();
    } finally {
      held.unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new StoreException("store is closed");
    }
  }

  @Override
  public String toString() {
    return "MemoryStore";
  }
}
