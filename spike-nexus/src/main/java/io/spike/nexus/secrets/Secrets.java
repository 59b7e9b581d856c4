package io.spike.nexus.secrets;

import io.spike.api.wire.SecretGetResponse;
import io.spike.api.wire.SecretMetadataResponse;
import io.spike.nexus.NexusConfig;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.refusal.Refusal;
import io.spike.store.SecretRecord;
import io.spike.store.SecretWrite;
import io.spike.store.SpikeStore;
import io.spike.store.VersionRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Versioned secrets over a {@link SpikeStore}, with SPIKE's semantics and two deliberate choices:
 *
 * <ul>
 *   <li><b>put</b> writes version {@code max(highest stored, current) + 1}, so a put after deleting
 *       every version never reuses a number; rows beyond {@code maxVersions} are removed, oldest
 *       first, in the same write.
 *   <li><b>delete</b> and <b>undelete</b> take version numbers; an empty list or 0 means the
 *       current version. When no version is live (current 0), undelete of the current version
 *       undeletes the newest stored one. Versions that do not exist are ignored. After either,
 *       current is the highest live version (0 if none).
 *   <li><b>get</b> of version 0 is the current one; a missing or deleted version is 404.
 *   <li><b>list</b> is every path with at least one live version, sorted.
 * </ul>
 *
 * <p>Writes are compare-and-set on the secret's revision and retried a few times on conflict (other
 * replicas); if they keep losing, the caller gets 409 {@code state_conflict}. Within one process,
 * writes to one path take turns (a striped lock) before they race: threads of the same Nexus never
 * make each other retry, so with several replicas a write only ever races the other replicas'
 * writes, and the retry budget holds even under heavy concurrent load on one path.
 */
public final class Secrets {
  private static final int MAX_ATTEMPTS = 64;
  private static final int LOCK_STRIPES = 64;

  private final SpikeStore store;
  private final SecretCodec codec;
  private final Clock clock;
  private final int maxVersions;
  private final NexusConfig.Limits limits;
  private final PathBudget paths;
  private final Barrier barrier;
  private final ReentrantLock[] writeLocks = new ReentrantLock[LOCK_STRIPES];

  public Secrets(SpikeStore store, Barrier barrier, Clock clock, int maxVersions) {
    this(store, barrier, clock, maxVersions, NexusConfig.Limits.DEFAULT);
  }

  public Secrets(
      SpikeStore store, Barrier barrier, Clock clock, int maxVersions, NexusConfig.Limits limits) {
    if (maxVersions < 1) {
      throw new IllegalArgumentException("maxVersions must be at least 1");
    }
    this.limits = limits;
    this.paths = new PathBudget(store, limits.maxSecretPaths());
    this.barrier = barrier;
    this.store = store;
    this.codec = new SecretCodec(barrier);
    this.clock = clock;
    this.maxVersions = maxVersions;
    for (int i = 0; i < LOCK_STRIPES; i++) {
      writeLocks[i] = new ReentrantLock();
    }
  }

  /** Writes a new version and returns its number. */
  public int put(String path, Map<String, String> values) {
    SecretPath.require(path);
    if (values.isEmpty()) {
      throw Refusal.invalid("values must hold at least one key");
    }
    if (values.keySet().stream().anyMatch(String::isEmpty)) {
      throw Refusal.invalid("value keys must not be empty");
    }
    requireWithinSize(values);
    ReentrantLock lock = writeLock(path);
    lock.lock();
    try {
      return putLocked(path, values);
    } finally {
      lock.unlock();
    }
  }

  private int putLocked(String path, Map<String, String> values) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Instant now = clock.instant();
      Optional<SecretRecord> row = store.secret(path);
      Optional<StoredMetadata> old = row.map(codec::decrypt);
      if (row.isEmpty()) {
        paths.checkNewPath();
      }
      List<Integer> stored = store.versionNumbers(path);
      int highest =
          Math.max(
              stored.isEmpty() ? 0 : stored.get(stored.size() - 1),
              old.map(StoredMetadata::currentVersion).orElse(0));
      int version = highest + 1;
      int excess = Math.max(0, stored.size() + 1 - maxVersions);
      List<Integer> removals = stored.subList(0, excess);
      int oldest = excess < stored.size() ? stored.get(excess) : version;
      StoredMetadata metadata =
          new StoredMetadata(
              version, oldest, old.map(StoredMetadata::createdTime).orElse(now), now, maxVersions);
      VersionRecord upsert =
          codec.encrypt(path, version, new StoredVersion(values, now, Optional.empty()));
      long revision = row.map(SecretRecord::revision).orElse(0L);
      if (store.writeSecret(
          new SecretWrite(
              path, revision, codec.encrypt(path, metadata), List.of(upsert), removals))) {
        if (row.isEmpty()) {
          paths.created();
        }
        return version;
      }
      pause(attempt);
    }
    throw conflict();
  }

  /** The values of {@code version} (0: the current one). */
  public SecretGetResponse get(String path, int version) {
    SecretPath.require(path);
    if (version < 0) {
      throw Refusal.invalid("version must not be negative");
    }
    SecretRecord row = store.secret(path).orElseThrow(Secrets::noSecret);
    int wanted = version == 0 ? codec.decrypt(row).currentVersion() : version;
    if (wanted == 0) {
      throw Refusal.notFound("every version of this secret is deleted");
    }
    StoredVersion body =
        store
            .version(path, wanted)
            .map(codec::decrypt)
            .orElseThrow(() -> Refusal.notFound("no version " + wanted));
    if (!body.live()) {
      throw Refusal.notFound("version " + wanted + " is deleted");
    }
    return new SecretGetResponse(body.values(), wanted);
  }

  /** Soft-deletes the given versions (empty or 0: the current one). */
  public void delete(String path, List<Integer> versions) {
    change(path, versions, true);
  }

  /** Restores the given versions (empty or 0: the current one, or the newest if none is live). */
  public void undelete(String path, List<Integer> versions) {
    change(path, versions, false);
  }

  /** Paths with at least one live version, sorted. */
  public List<String> list() {
    List<String> live = new ArrayList<>();
    for (String path : store.secretPaths()) {
      store
          .secret(path)
          .map(codec::decrypt)
          .filter(m -> m.currentVersion() > 0)
          .ifPresent(m -> live.add(path));
    }
    return live;
  }

  /** The secret's history in SPIKE's shape. */
  public SecretMetadataResponse metadata(String path) {
    SecretPath.require(path);
    SecretRecord row = store.secret(path).orElseThrow(Secrets::noSecret);
    StoredMetadata meta = codec.decrypt(row);
    Map<String, SecretMetadataResponse.VersionInfo> versions = new TreeMap<>();
    for (VersionRecord version : store.versions(path)) {
      StoredVersion body = codec.decrypt(version);
      versions.put(
          Integer.toString(version.version()),
          new SecretMetadataResponse.VersionInfo(
              body.createdTime(), version.version(), body.deletedTime()));
    }
    return new SecretMetadataResponse(
        versions,
        new SecretMetadataResponse.Metadata(
            meta.currentVersion(),
            meta.oldestVersion(),
            meta.createdTime(),
            meta.updatedTime(),
            meta.maxVersions()));
  }

  private void change(String path, List<Integer> versions, boolean delete) {
    SecretPath.require(path);
    if (versions.stream().anyMatch(v -> v == null || v < 0)) {
      throw Refusal.invalid("versions must be 0 (current) or positive");
    }
    ReentrantLock lock = writeLock(path);
    lock.lock();
    try {
      changeLocked(path, versions, delete);
    } finally {
      lock.unlock();
    }
  }

  private void changeLocked(String path, List<Integer> versions, boolean delete) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      SecretRecord row = store.secret(path).orElseThrow(Secrets::noSecret);
      StoredMetadata meta = codec.decrypt(row);
      TreeMap<Integer, StoredVersion> bodies = new TreeMap<>();
      store.versions(path).forEach(v -> bodies.put(v.version(), codec.decrypt(v)));
      VersionChange plan =
          VersionChange.plan(bodies, meta.currentVersion(), versions, delete, clock.instant());
      if (plan.changed().isEmpty()) {
        return;
      }
      List<VersionRecord> upserts = new ArrayList<>();
      plan.changed().forEach((n, body) -> upserts.add(codec.encrypt(path, n, body)));
      StoredMetadata next =
          new StoredMetadata(
              plan.currentVersion(),
              meta.oldestVersion(),
              meta.createdTime(),
              clock.instant(),
              meta.maxVersions());
      if (store.writeSecret(
          new SecretWrite(path, row.revision(), codec.encrypt(path, next), upserts, List.of()))) {
        return;
      }
      pause(attempt);
    }
    throw conflict();
  }

  /**
   * Moves every record of the secret at {@code path} (metadata and versions) to the keyring's
   * newest term, with the same compare-and-set as any write; records already there are left alone.
   * Returns how many records moved.
   */
  public int reencrypt(String path) {
    ReentrantLock lock = writeLock(path);
    lock.lock();
    try {
      for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        Optional<SecretRecord> row = store.secret(path);
        if (row.isEmpty()) {
          return 0;
        }
        int term = barrier.currentTerm();
        List<VersionRecord> old =
            store.versions(path).stream()
                .filter(v -> Barrier.termOf(v.ciphertext()) < term)
                .toList();
        boolean metadataOld = Barrier.termOf(row.get().metadata()) < term;
        if (old.isEmpty() && !metadataOld) {
          return 0;
        }
        List<VersionRecord> upserts = new ArrayList<>();
        old.forEach(v -> upserts.add(codec.encrypt(path, v.version(), codec.decrypt(v))));
        byte[] metadata = codec.encrypt(path, codec.decrypt(row.get()));
        if (store.writeSecret(
            new SecretWrite(path, row.get().revision(), metadata, upserts, List.of()))) {
          return upserts.size() + 1;
        }
        pause(attempt);
      }
      throw conflict();
    } finally {
      lock.unlock();
    }
  }

  private void requireWithinSize(Map<String, String> values) {
    long total = 0;
    for (Map.Entry<String, String> entry : values.entrySet()) {
      int value = utf8Length(entry.getValue());
      if (value > limits.maxValueBytes()) {
        throw Refusal.tooLarge(
            "a value is "
                + value
                + " bytes; at most "
                + limits.maxValueBytes()
                + " (SPIKE_NEXUS_MAX_VALUE_BYTES)");
      }
      total += value + utf8Length(entry.getKey());
    }
    if (total > limits.maxSecretBytes()) {
      throw Refusal.tooLarge(
          "the keys and values are "
              + total
              + " bytes together; at most "
              + limits.maxSecretBytes()
              + " per secret version (SPIKE_NEXUS_MAX_SECRET_BYTES)");
    }
  }

  private static int utf8Length(String text) {
    return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
  }

  private ReentrantLock writeLock(String path) {
    return writeLocks[Math.floorMod(path.hashCode(), LOCK_STRIPES)];
  }

  /**
   * After a lost race: a short random pause that grows with the attempts, so racing writers spread
   * out.
   */
  private static void pause(int attempt) {
    long bound = 500_000L * Math.min(attempt + 1, 20); // at most 10 ms
    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(50_000, bound));
  }

  private static Refusal noSecret() {
    return Refusal.notFound("no such secret");
  }

  private static Refusal conflict() {
    return Refusal.conflict("too many concurrent writes to this secret; try again");
  }
}
