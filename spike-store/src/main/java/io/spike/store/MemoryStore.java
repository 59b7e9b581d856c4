package io.spike.store;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The in-memory backend: the same semantics as the databases, nothing survives the process.
 *
 * <p>One read-write lock guards all maps, so every write is atomic and every read sees a
 * consistent state. Arrays are copied by the records on the way in and out.
 */
final class MemoryStore implements SpikeStore {

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final TreeMap<String, StoredSecret> secrets = new TreeMap<>();
  private final TreeMap<String, PolicyRecord> policies = new TreeMap<>();
  private final EnumMap<SystemKey, byte[]> system = new EnumMap<>(SystemKey.class);
  private long policyGeneration;
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
    return read(() -> {
      StoredSecret s = secrets.get(path);
      return s == null ? List.of() : List.copyOf(s.versions.values());
    });
  }

  @Override
  public List<String> secretPaths() {
    return read(() -> List.copyOf(secrets.keySet()));
  }

  @Override
  public boolean writeSecret(SecretWrite write) {
    return write(() -> {
      StoredSecret current = secrets.get(write.path());
      long revision = current == null ? 0 : current.record.revision();
      if (revision != write.expectedRevision()) {
        return false;
      }
      SecretRecord record = new SecretRecord(write.path(), write.newRevision(), write.metadata());
      StoredSecret target = current == null ? new StoredSecret(record) : current;
      target.record = record;
      write.upserts().forEach(v -> target.versions.put(v.version(), v));
      write.removals().forEach(target.versions::remove);
      secrets.put(write.path(), target);
      return true;
    });
  }

  @Override
  public void putPolicy(PolicyRecord policy) {
    write(() -> {
      policies.put(policy.name(), policy);
      policyGeneration++;
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
    return write(() -> {
      boolean removed = policies.remove(name) != null;
      if (removed) {
        policyGeneration++;
      }
      return removed;
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
    Map<SystemKey, byte[]> copies = SystemValues.copyOf(values);
    write(() -> {
      system.putAll(copies);
      return null;
    });
  }

  @Override
  public void updateSystem(Map<SystemKey, byte[]> puts, Set<SystemKey> removals) {
    Map<SystemKey, byte[]> copies = SystemValues.copyOf(puts);
    Set<SystemKey> removed = SystemValues.removalsOf(copies, removals);
    write(() -> {
      system.putAll(copies);
      removed.forEach(system::remove);
      return null;
    });
  }

  @Override
  public boolean initialize(Map<SystemKey, byte[]> values) {
    Map<SystemKey, byte[]> copies = SystemValues.copyForInitialize(values);
    return write(() -> {
      if (system.containsKey(SystemKey.KEY_CHECK)) {
        return false;
      }
      system.putAll(copies);
      return true;
    });
  }

  @Override
  public boolean isEmpty() {
    return read(() -> secrets.isEmpty() && policies.isEmpty() && system.isEmpty());
  }

  @Override
  public void wipe() {
    write(() -> {
      secrets.clear();
      policies.clear();
      system.clear();
      policyGeneration++;
      return null;
    });
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closed = true;
      secrets.clear();
      policies.clear();
      system.clear();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private <T> T read(Supplier<T> work) {
    lock.readLock().lock();
    try {
      ensureOpen();
      return work.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  private <T> T write(Supplier<T> work) {
    lock.writeLock().lock();
    try {
      ensureOpen();
      return work.get();
    } finally {
      lock.writeLock().unlock();
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
