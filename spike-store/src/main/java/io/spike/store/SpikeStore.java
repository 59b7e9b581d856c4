package io.spike.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Durable home of every ciphertext record Nexus keeps.
 *
 * <p>Contract shared by all backends (and checked by one contract test run against each):
 *
 * <ul>
 *   <li>Every write is atomic: it happens completely or not at all.
 *   <li>{@link #writeSecret} is an optimistic compare-and-set on the secret's revision, safe
 *       against concurrent writers in this process and, for SQLite and PostgreSQL, in other
 *       processes sharing the same database. A lost race returns {@code false}: the caller re-reads
 *       and retries. No version is ever lost.
 *   <li>Byte arrays are copied on the way in and on the way out.
 *   <li>Lists come back sorted: versions ascending, paths and policy names in {@link String}
 *       natural order, the same order on every backend.
 *   <li>Failures of the backing database surface as {@link StoreException}; their messages name the
 *       operation and at most the path or name, never a stored value. An unreachable database is a
 *       {@link StoreUnavailableException}, a full one a {@link StoreFullException}.
 *   <li>Every change is recorded in the store's change log (an outbox) in the same transaction as
 *       the change itself: each successful {@link #writeSecret}, {@link #putPolicy}, {@link
 *       #replacePolicy}, {@link #deletePolicy}, {@link #putSystem}, {@link #updateSystem}, {@link
 *       #initialize} and {@link #wipe} appends exactly one {@link Change}; a refused or failed one
 *       appends none. Sequence numbers grow by one with each change and, with several writers or
 *       several replicas, follow commit order: a reader of committed changes never sees change
 *       {@code n + 1} before change {@code n}. Audit anchors are not changes.
 * </ul>
 *
 * <p>Implementations are thread-safe.
 */
public interface SpikeStore extends AutoCloseable {

  /** {@code "sqlite"}, {@code "postgres"} or {@code "memory"}. */
  String backend();

  // --- secrets ---

  /** The secret's current revision and (encrypted) metadata, if the path exists. */
  Optional<SecretRecord> secret(String path);

  /** One stored version of a secret, if present. */
  Optional<VersionRecord> version(String path, int version);

  /** Every stored version of a secret, ascending by version; empty when the path is unknown. */
  List<VersionRecord> versions(String path);

  /** Every secret path, sorted. */
  List<String> secretPaths();

  /**
   * At most {@code limit} secret paths after {@code after} (exclusive; empty string: from the
   * first), in code point order, for walking a large store in batches.
   */
  List<String> secretPathsAfter(String after, int limit);

  /** How many secret paths the store holds (one count, no rows read). */
  long secretCount();

  /**
   * The version numbers stored for a secret, ascending (no ciphertext read); empty when unknown.
   */
  List<Integer> versionNumbers(String path);

  /**
   * Applies one write to a secret atomically: checks the revision, stores the new metadata and
   * revision ({@code expectedRevision + 1}), upserts the given versions and deletes the removed
   * ones.
   *
   * @return {@code true} when applied; {@code false} (and nothing written) when the stored revision
   *     is not {@code write.expectedRevision()}, including when {@code expectedRevision} is 0 and
   *     the path already exists
   */
  boolean writeSecret(SecretWrite write);

  // --- policies ---

  /** Inserts or replaces the policy with this name; bumps {@link #policyGeneration()}. */
  void putPolicy(PolicyRecord policy);

  /**
   * Replaces the policy's ciphertext only if it still is {@code expected} (compare-and-set, for
   * re-encryption racing an upsert); bumps {@link #policyGeneration()} when replaced.
   *
   * @return whether it was replaced
   */
  boolean replacePolicy(String name, byte[] expected, byte[] next);

  /** The policy with this name, if present. */
  Optional<PolicyRecord> policy(String name);

  /** Every policy, sorted by name. */
  List<PolicyRecord> policies();

  /**
   * Deletes the policy with this name; bumps {@link #policyGeneration()} when it existed.
   *
   * @return whether a policy was deleted
   */
  boolean deletePolicy(String name);

  /**
   * A counter stored with the policies that grows in the same transaction as every policy change
   * (and on {@link #wipe()}); replicas sharing one database use it as a cache key for compiled
   * policies. It never decreases.
   */
  long policyGeneration();

  // --- system records: keyring, key check, escrow, audit anchor ---

  /** The system record under this key, if present. */
  Optional<byte[]> system(SystemKey key);

  /** Inserts or replaces the given system records in one transaction. */
  void putSystem(Map<SystemKey, byte[]> values);

  /**
   * Replaces and removes system records in one transaction: every record in {@code puts} is
   * inserted or replaced and every key in {@code removals} is deleted (absent keys are fine), or
   * nothing changes. Root-key rotation uses it to swap the keyring and key check and drop the
   * escrow (which wraps the old key) at once.
   *
   * @throws IllegalArgumentException when a key is both put and removed
   */
  void updateSystem(Map<SystemKey, byte[]> puts, Set<SystemKey> removals);

  /**
   * First-boot write: stores the given system records in one transaction unless a key check is
   * already present. Of several replicas racing to initialize, exactly one wins.
   *
   * @param values must contain {@link SystemKey#KEY_CHECK}
   * @return {@code true} when written; {@code false} (and nothing written) when a key check exists
   * @throws IllegalArgumentException when {@code values} has no key check
   */
  boolean initialize(Map<SystemKey, byte[]> values);

  // --- audit anchors (not part of snapshots or wipes: they belong to log files, not to data) ---

  /** The anchor recorded for the audit log called {@code name}, if any. */
  Optional<AuditAnchor> auditAnchor(String name);

  /**
   * Moves the anchor of the log {@code name} forward: stored only when there is none yet or the
   * stored one has fewer lines. An anchor never moves backwards through this method.
   *
   * @return whether it was stored
   */
  boolean advanceAuditAnchor(String name, AuditAnchor anchor);

  /**
   * Dangerous: sets the anchor of {@code name} whatever it was. Only an operator's explicit
   * acceptance of an audit gap uses it.
   */
  void resetAuditAnchor(String name, AuditAnchor anchor);

  /** Whether the store holds no secrets, no policies and no system records. */
  boolean isEmpty();

  /**
   * Factory reset: deletes every secret, version, policy and system record, keeping the schema (and
   * the audit anchors). {@link #policyGeneration()} still grows, so caches keyed by it notice the
   * change.
   */
  void wipe();

  // --- change log (outbox) ---

  /** The log's id and the sequence number of the last change recorded (0 when none yet). */
  ChangeLogPosition changeLog();

  /**
   * At most {@code limit} committed changes with a sequence number above {@code seq}, ascending.
   * Changes already forgotten ({@link #forgetChangesThrough}) are not returned. Whatever log they
   * belong to: a shipper, which may race an import, uses {@link #changesAfter(String, long, int)}.
   */
  List<Change> changesAfter(long seq, int limit);

  /**
   * Deletes the recorded changes with a sequence number up to {@code seq}, once they are shipped.
   * The position ({@link #changeLog()}) does not move. Whatever log they belong to: a shipper uses
   * {@link #forgetChangesThrough(String, long)}.
   */
  void forgetChangesThrough(long seq);

  /**
   * {@link #changesAfter(long, int)} of the log {@code logId} only: empty when the store has
   * started another log meanwhile ({@link #importAll}, {@link #replaceAll}, {@link
   * #startChangeLog}), whose numbers start again. A shipper uses it, so that it never ships changes
   * of a new log as the continuation of the one it was shipping.
   */
  List<Change> changesAfter(String logId, long seq, int limit);

  /**
   * {@link #forgetChangesThrough(long)} of the log {@code logId} only: does nothing when the store
   * has started another log meanwhile, whose changes are not shipped yet.
   */
  void forgetChangesThrough(String logId, long seq);

  /**
   * Re-applies a change of another store's log (replay after a restore), exactly as it was made
   * there: a secret write checks its expected revision, a policy delete needs the policy, and so
   * on. The change is recorded in this store's own log, under this store's next sequence number,
   * like any change.
   *
   * @throws StoreException when the change does not apply to this store's state (nothing written)
   * @throws IllegalArgumentException when the change's body does not decode
   */
  default void applyChange(Change change) {
    ChangeReplayer.apply(this, change);
  }

  /**
   * Continues numbering under {@code logId} after {@code lastSeq}: the next change gets {@code
   * lastSeq + 1}. Recorded changes not yet forgotten are dropped (they belong to the old log). A
   * point-in-time restore calls it with a new id ({@link ChangeLogPosition#newLogId()}) once it has
   * replayed, so the restored store ships a log of its own.
   */
  void startChangeLog(String logId, long lastSeq);

  /**
   * Tries to take the lease called {@code name} (see {@link StoreLease}) without waiting.
   *
   * @return the lease, or empty when another holder has it
   */
  Optional<StoreLease> tryLease(String name);

  // --- bulk: snapshots and restore ---

  /**
   * Streams every record to the visitor from one consistent view of the store (one read
   * transaction: SQLite's WAL snapshot, PostgreSQL {@code REPEATABLE READ, READ ONLY}), so writes
   * committed meanwhile are either wholly in or wholly out. Rows are streamed, never loaded all at
   * once, and writers are not blocked.
   *
   * <p>Order, the same on every backend: first the change-log position of this view ({@link
   * RecordVisitor#changeLog}: a snapshot holds every change up to it and none after), then all
   * system records by {@link SystemKey#id()}, then all secrets by path, then all versions by path
   * and version, then all policies by name. Paths, names and ids are ordered by code point (the
   * byte order of their UTF-8), which is what the databases' binary collations give.
   *
   * <p>Runtime exceptions thrown by the visitor end the export and propagate unchanged.
   */
  void export(RecordVisitor visitor);

  /**
   * Loads records into this empty store in one transaction, with batched inserts: the source is
   * called once with a sink and pushes every record into it (secrets before their versions, as
   * {@link #export} orders them). When the source returns, everything is committed and {@link
   * #policyGeneration()} grows; when it throws, or a record is refused (a duplicate key, a version
   * without its secret), nothing is written and the exception propagates (the source's own
   * unchanged; the store's as {@link StoreException}).
   *
   * <p>An import is not a change: the store starts a new change log (a new random id, last sequence
   * number 0) in the same transaction and drops recorded changes of the old one.
   *
   * @throws StoreNotEmptyException when the store holds any secret, policy or system record
   */
  void importAll(Consumer<RecordVisitor> source);

  /**
   * Dangerous: {@link #wipe()} and {@link #importAll} in one transaction. The store ends up holding
   * exactly the source's records, or, when the source or the import fails, exactly what it held
   * before. Restore with {@code --force} uses it. Like an import, it starts a new change log.
   */
  void replaceAll(Consumer<RecordVisitor> source);

  /** Releases connections and files. Calls after close fail with {@link StoreException}. */
  @Override
  void close();
}
