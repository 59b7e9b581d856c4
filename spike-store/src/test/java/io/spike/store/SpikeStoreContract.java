package io.spike.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.spike.store.snapshot.SnapshotVisitor;
import io.spike.testkit.LogCapture;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link SpikeStore} promises, run against each backend.
 *
 * <p>Extend it, implement {@link #newStore(Path)} (a fresh, empty store for each test), and every
 * test here runs against your store. Published in the {@code spike-store} test-jar so wrappers in
 * other modules can reuse it.
 */
public abstract class SpikeStoreContract {

  protected static final int THREADS = 8;
  protected static final int WRITES_PER_THREAD = 50;

  @TempDir protected Path tempDir;

  protected SpikeStore store;

  /** A fresh, empty store; {@code tempDir} is a private directory for this test. */
  protected abstract SpikeStore newStore(Path tempDir);

  /** What {@link SpikeStore#backend} must answer for the stores {@link #newStore} opens. */
  protected abstract String backendName();

  @BeforeEach
  void openStore() {
    store = newStore(tempDir);
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  // --- helpers shared with backend-specific tests ---

  protected static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  protected static VersionRecord version(String path, int version, String ciphertext) {
    return new VersionRecord(path, version, bytes(ciphertext));
  }

  /**
   * Asserts that the secret at {@code path} has {@code revision} and {@code metadata} and exactly
   * {@code versions}, in order.
   */
  protected final void assertSecret(
      String path, long revision, String metadata, VersionRecord... versions) {
    assertThat(store.secret(path).orElseThrow())
        .isEqualTo(new SecretRecord(path, revision, bytes(metadata)));
    assertThat(store.versions(path)).containsExactly(versions);
  }

  /**
   * Writes a secret at {@code path} (see {@link #create}), {@code policy} and a key check, and
   * returns the policy generation after them.
   */
  protected final long writeOneOfEach(String path, PolicyRecord policy) {
    store.writeSecret(create(path, "ct-1"));
    store.putPolicy(policy);
    store.initialize(Map.of(SystemKey.KEY_CHECK, bytes("check")));
    return store.policyGeneration();
  }

  /** A new path with version 1. */
  protected static SecretWrite create(String path, String ciphertext) {
    return new SecretWrite(
        path, 0, bytes("meta-1"), List.of(version(path, 1, ciphertext)), List.of());
  }

  /** Metadata used by the concurrency tests: the current version number as 4 bytes. */
  protected static byte[] counter(int current) {
    return ByteBuffer.allocate(4).putInt(current).array();
  }

  /**
   * The read-modify-write loop Nexus runs for a put: read the secret, write version current+1
   * against the revision read, retry when another writer won.
   */
  protected static int appendVersion(SpikeStore store, String path) {
    int attempts = 0;
    while (true) {
      attempts++;
      var current = store.secret(path);
      long revision = current.map(SecretRecord::revision).orElse(0L);
      int version = current.map(s -> ByteBuffer.wrap(s.metadata()).getInt()).orElse(0) + 1;
      SecretWrite write =
          new SecretWrite(
              path,
              revision,
              counter(version),
              List.of(new VersionRecord(path, version, bytes("v" + version))),
              List.of());
      if (store.writeSecret(write)) {
        return attempts;
      }
    }
  }

  /** Runs the tasks on their own threads, all released at once; returns their results. */
  protected static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(90, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Asserts that a path holds exactly versions 1..count, each with its own ciphertext. */
  protected static void assertContiguousVersions(SpikeStore store, String path, int count) {
    List<VersionRecord> versions = store.versions(path);
    assertThat(versions)
        .extracting(VersionRecord::version)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, count).boxed().toList());
    assertThat(versions)
        .allSatisfy(v -> assertThat(v.ciphertext()).isEqualTo(bytes("v" + v.version())));
    assertThat(store.secret(path).orElseThrow().revision()).isEqualTo(count);
  }

  /**
   * Two stores on one database, like two processes: {@link #THREADS} writers, alternating between
   * {@link #store} and {@code other}, each append {@code writesEach} versions of one path; both
   * stores then see every version exactly once.
   */
  protected void assertTwoStoresLoseNoVersion(SpikeStore other, int writesEach) throws Exception {
    List<Callable<Integer>> writers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      SpikeStore target = t % 2 == 0 ? store : other;
      writers.add(
          () -> {
            for (int i = 0; i < writesEach; i++) {
              appendVersion(target, "shared");
            }
            return 0;
          });
    }

    race(writers);

    assertContiguousVersions(store, "shared", THREADS * writesEach);
    assertContiguousVersions(other, "shared", THREADS * writesEach);
  }

  /** {@link #store} and {@code other} on one database race to initialize: exactly one wins. */
  protected void assertTwoStoresInitializeOnce(SpikeStore other) throws Exception {
    List<Boolean> results =
        race(
            List.of(
                () -> store.initialize(Map.of(SystemKey.KEY_CHECK, bytes("a"))),
                () -> other.initialize(Map.of(SystemKey.KEY_CHECK, bytes("b")))));
    assertThat(results).containsOnlyOnce(true);
  }

  /**
   * Writes version 2 of {@code app/db}, its metadata and ciphertext carrying markers, to {@code
   * target}, whose database has been made to refuse the write. Asserts a {@link StoreException}
   * naming the path, and that neither marker, as text or hex, reaches a message of its cause chain
   * or the logs (the store's and the pool's at DEBUG). Returns the exception.
   */
  protected static Throwable assertRefusedWriteLeaksNoValue(SpikeStore target) {
    List<String> markers =
        List.of(
            "CIPHER-MARKER",
            "META-MARKER",
            HexFormat.of().formatHex(bytes("CIPHER-MARKER")),
            HexFormat.of().formatHex(bytes("META-MARKER")));
    try (LogCapture logs = LogCapture.withDebug("io.spike.store", "com.zaxxer.hikari")) {
      Throwable thrown =
          catchThrowable(
              () ->
                  target.writeSecret(
                      new SecretWrite(
                          "app/db",
                          1,
                          bytes("META-MARKER"),
                          List.of(version("app/db", 2, "CIPHER-MARKER")),
                          List.of())));
      assertThat(thrown).isInstanceOf(StoreException.class).hasMessageContaining("app/db");
      assertThat(Throwables.messages(thrown)).doesNotContain(markers.toArray(String[]::new));
      logs.assertNeverContains(markers);
      return thrown;
    }
  }

  // --- a fresh store ---

  @Test
  void newStore_isEmpty() {
    assertThat(store.isEmpty()).isTrue();
    assertThat(store.secretPaths()).isEmpty();
    assertThat(store.policies()).isEmpty();
  }

  @Test
  void backend_isTheBackendsName() {
    assertThat(store.backend()).isEqualTo(backendName());
  }

  @Test
  void reads_ofMissingRecords_areEmpty() {
    assertThat(store.secret("nope")).isEmpty();
    assertThat(store.version("nope", 1)).isEmpty();
    assertThat(store.versions("nope")).isEmpty();
    assertThat(store.policy("nope")).isEmpty();
    assertThat(store.system(SystemKey.KEYRING)).isEmpty();
    assertThat(store.deletePolicy("nope")).isFalse();
  }

  // --- secrets ---

  @Test
  void writeSecret_newPath_roundTrips() {
    assertThat(store.writeSecret(create("app/db", "ct-1"))).isTrue();

    SecretRecord secret = store.secret("app/db").orElseThrow();
    assertThat(secret.path()).isEqualTo("app/db");
    assertThat(secret.revision()).isEqualTo(1);
    assertThat(secret.metadata()).isEqualTo(bytes("meta-1"));
    assertThat(store.version("app/db", 1)).contains(version("app/db", 1, "ct-1"));
    assertThat(store.version("app/db", 2)).isEmpty();
    assertThat(store.isEmpty()).isFalse();
  }

  @Test
  void writeSecret_nextRevision_updatesMetadataAndAddsVersion() {
    store.writeSecret(create("p", "ct-1"));

    boolean written =
        store.writeSecret(
            new SecretWrite("p", 1, bytes("meta-2"), List.of(version("p", 2, "ct-2")), List.of()));

    assertThat(written).isTrue();
    assertSecret("p", 2, "meta-2", version("p", 1, "ct-1"), version("p", 2, "ct-2"));
  }

  @Test
  void writeSecret_metadataOnly_bumpsRevision() {
    store.writeSecret(create("p", "ct-1"));

    assertThat(store.writeSecret(new SecretWrite("p", 1, bytes("deleted"), List.of(), List.of())))
        .isTrue();

    assertSecret("p", 2, "deleted", version("p", 1, "ct-1"));
  }

  @Test
  void versions_areAscending() {
    store.writeSecret(
        new SecretWrite(
            "p",
            0,
            bytes("m"),
            List.of(
                version("p", 3, "c"),
                version("p", 1, "a"),
                version("p", 10, "d"),
                version("p", 2, "b")),
            List.of()));

    assertThat(store.versions("p")).extracting(VersionRecord::version).containsExactly(1, 2, 3, 10);
  }

  @Test
  void secretPaths_areSorted() {
    for (String path : List.of("b", "a/x", "B", "a", "a b", "zz/é", "a/x/y")) {
      store.writeSecret(create(path, "ct"));
    }

    assertThat(store.secretPaths()).containsExactly("B", "a", "a b", "a/x", "a/x/y", "b", "zz/é");
  }

  @Test
  void writeSecret_staleRevision_returnsFalseAndWritesNothing() {
    store.writeSecret(create("p", "ct-1"));
    store.writeSecret(
        new SecretWrite("p", 1, bytes("meta-2"), List.of(version("p", 2, "ct-2")), List.of()));

    boolean written =
        store.writeSecret(
            new SecretWrite(
                "p",
                1,
                bytes("stale"),
                List.of(version("p", 2, "overwrite"), version("p", 3, "ct-3")),
                List.of(1)));

    assertThat(written).isFalse();
    assertSecret("p", 2, "meta-2", version("p", 1, "ct-1"), version("p", 2, "ct-2"));
  }

  @Test
  void writeSecret_futureRevision_returnsFalse() {
    store.writeSecret(create("p", "ct-1"));

    assertThat(store.writeSecret(new SecretWrite("p", 5, bytes("m"), List.of(), List.of())))
        .isFalse();
    assertThat(store.secret("p").orElseThrow().revision()).isEqualTo(1);
  }

  @Test
  void writeSecret_revisionZeroOnExistingPath_returnsFalse() {
    store.writeSecret(create("p", "ct-1"));

    boolean written =
        store.writeSecret(
            new SecretWrite(
                "p",
                0,
                bytes("again"),
                List.of(version("p", 1, "replaced"), version("p", 2, "new")),
                List.of()));

    assertThat(written).isFalse();
    assertSecret("p", 1, "meta-1", version("p", 1, "ct-1"));
  }

  @Test
  void writeSecret_nonZeroRevisionOnMissingPath_returnsFalse() {
    assertThat(
            store.writeSecret(
                new SecretWrite("p", 1, bytes("m"), List.of(version("p", 1, "ct")), List.of())))
        .isFalse();

    assertThat(store.secret("p")).isEmpty();
    assertThat(store.versions("p")).isEmpty();
    assertThat(store.isEmpty()).isTrue();
  }

  @Test
  void writeSecret_removals_deleteVersions() {
    store.writeSecret(
        new SecretWrite(
            "p",
            0,
            bytes("m"),
            List.of(version("p", 1, "a"), version("p", 2, "b"), version("p", 3, "c")),
            List.of()));

    boolean written =
        store.writeSecret(
            new SecretWrite("p", 1, bytes("m2"), List.of(version("p", 4, "d")), List.of(1, 2, 99)));

    assertThat(written).isTrue();
    assertThat(store.versions("p")).containsExactly(version("p", 3, "c"), version("p", 4, "d"));
    assertThat(store.version("p", 1)).isEmpty();
  }

  @Test
  void writeSecret_upsertOfExistingVersion_replacesCiphertext() {
    store.writeSecret(create("p", "old"));

    store.writeSecret(
        new SecretWrite("p", 1, bytes("m"), List.of(version("p", 1, "new")), List.of()));

    assertThat(store.versions("p")).containsExactly(version("p", 1, "new"));
  }

  @Test
  void writeSecret_pathsAreIndependent() {
    store.writeSecret(create("a", "ct-a"));
    store.writeSecret(create("b", "ct-b"));

    store.writeSecret(new SecretWrite("a", 1, bytes("m"), List.of(), List.of(1)));

    assertThat(store.versions("a")).isEmpty();
    assertThat(store.versions("b")).containsExactly(version("b", 1, "ct-b"));
    assertThat(store.secret("b").orElseThrow().revision()).isEqualTo(1);
  }

  @Test
  void writeSecret_emptyAndBinaryValues_roundTrip() {
    byte[] binary = new byte[256];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) i;
    }
    store.writeSecret(
        new SecretWrite(
            "p",
            0,
            new byte[0],
            List.of(new VersionRecord("p", 1, binary), new VersionRecord("p", 2, new byte[0])),
            List.of()));

    assertThat(store.secret("p").orElseThrow().metadata()).isEmpty();
    assertThat(store.version("p", 1).orElseThrow().ciphertext()).isEqualTo(binary);
    assertThat(store.version("p", 2).orElseThrow().ciphertext()).isEmpty();
  }

  @Test
  void byteArrays_areCopiedInAndOut() {
    byte[] ciphertext = bytes("ct-1");
    store.writeSecret(
        new SecretWrite(
            "p", 0, bytes("m"), List.of(new VersionRecord("p", 1, ciphertext)), List.of()));
    ciphertext[0] = 'X';

    store.version("p", 1).orElseThrow().ciphertext()[0] = 'Y';
    byte[] keyring = bytes("keyring");
    store.putSystem(Map.of(SystemKey.KEYRING, keyring));
    keyring[0] = 'X';
    store.system(SystemKey.KEYRING).orElseThrow()[0] = 'Y';

    assertThat(store.version("p", 1).orElseThrow().ciphertext()).isEqualTo(bytes("ct-1"));
    assertThat(store.system(SystemKey.KEYRING).orElseThrow()).isEqualTo(bytes("keyring"));
  }

  @Test
  void concurrentReadModifyWrite_onOnePath_losesNoVersion() throws Exception {
    List<Callable<Integer>> writers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      writers.add(
          () -> {
            int attempts = 0;
            for (int i = 0; i < WRITES_PER_THREAD; i++) {
              attempts += appendVersion(store, "hot/path");
            }
            return attempts;
          });
    }

    List<Integer> attempts = race(writers);

    assertContiguousVersions(store, "hot/path", THREADS * WRITES_PER_THREAD);
    assertThat(attempts.stream().mapToInt(Integer::intValue).sum())
        .isGreaterThanOrEqualTo(THREADS * WRITES_PER_THREAD);
  }

  @Test
  void concurrentCreate_ofOnePath_hasExactlyOneWinner() throws Exception {
    List<Callable<Boolean>> creators = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      String ciphertext = "ct-" + t;
      creators.add(() -> store.writeSecret(create("new/path", ciphertext)));
    }

    List<Boolean> results = race(creators);

    assertThat(results).containsOnlyOnce(true);
    assertThat(store.versions("new/path")).hasSize(1);
    assertThat(store.secret("new/path").orElseThrow().revision()).isEqualTo(1);
  }

  // --- policies ---

  @Test
  void putPolicy_roundTripsAndUpsertsByName() {
    store.putPolicy(new PolicyRecord("ops", bytes("v1")));
    store.putPolicy(new PolicyRecord("ops", bytes("v2")));

    assertThat(store.policy("ops")).contains(new PolicyRecord("ops", bytes("v2")));
    assertThat(store.policies()).containsExactly(new PolicyRecord("ops", bytes("v2")));
    assertThat(store.isEmpty()).isFalse();
  }

  @Test
  void policies_areSortedByName() {
    for (String name : List.of("web", "Admin", "db", "api")) {
      store.putPolicy(new PolicyRecord(name, bytes(name)));
    }

    assertThat(store.policies())
        .extracting(PolicyRecord::name)
        .containsExactly("Admin", "api", "db", "web");
  }

  @Test
  void policyGeneration_growsWithEveryPolicyChange() {
    long g0 = store.policyGeneration();

    store.putPolicy(new PolicyRecord("a", bytes("1")));
    long g1 = store.policyGeneration();
    store.putPolicy(new PolicyRecord("a", bytes("2")));
    long g2 = store.policyGeneration();
    assertThat(store.deletePolicy("a")).isTrue();
    long g3 = store.policyGeneration();

    assertThat(g1).isGreaterThan(g0);
    assertThat(g2).isGreaterThan(g1);
    assertThat(g3).isGreaterThan(g2);
    assertThat(store.policy("a")).isEmpty();
  }

  @Test
  void policyGeneration_unchangedByOtherWrites() {
    store.putPolicy(new PolicyRecord("a", bytes("1")));
    long before = store.policyGeneration();

    assertThat(store.deletePolicy("missing")).isFalse();
    store.writeSecret(create("p", "ct"));
    store.putSystem(Map.of(SystemKey.AUDIT_ANCHOR, bytes("hash")));

    assertThat(store.policyGeneration()).isEqualTo(before);
  }

  // --- system records ---

  @Test
  void putSystem_storesAndReplaces() {
    store.putSystem(Map.of(SystemKey.KEYRING, bytes("ring-1"), SystemKey.ESCROW, bytes("esc")));
    store.putSystem(Map.of(SystemKey.KEYRING, bytes("ring-2")));

    assertThat(store.system(SystemKey.KEYRING))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("ring-2")));
    assertThat(store.system(SystemKey.ESCROW))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("esc")));
    assertThat(store.system(SystemKey.AUDIT_ANCHOR)).isEmpty();
    assertThat(store.isEmpty()).isFalse();
  }

  @Test
  void updateSystem_putsAndRemovesTogether() {
    store.putSystem(
        Map.of(
            SystemKey.KEYRING,
            bytes("ring-1"),
            SystemKey.KEY_CHECK,
            bytes("check-1"),
            SystemKey.ESCROW,
            bytes("esc")));

    store.updateSystem(
        Map.of(SystemKey.KEYRING, bytes("ring-2"), SystemKey.KEY_CHECK, bytes("check-2")),
        Set.of(SystemKey.ESCROW, SystemKey.AUDIT_ANCHOR));

    assertThat(store.system(SystemKey.KEYRING).orElseThrow()).isEqualTo(bytes("ring-2"));
    assertThat(store.system(SystemKey.KEY_CHECK).orElseThrow()).isEqualTo(bytes("check-2"));
    assertThat(store.system(SystemKey.ESCROW)).isEmpty();
    assertThat(store.system(SystemKey.AUDIT_ANCHOR)).isEmpty();
  }

  @Test
  void updateSystem_removalsOnly_andEmptyUpdate() {
    store.putSystem(Map.of(SystemKey.ESCROW, bytes("esc")));

    store.updateSystem(Map.of(), Set.of());
    assertThat(store.system(SystemKey.ESCROW)).isPresent();

    store.updateSystem(Map.of(), Set.of(SystemKey.ESCROW));
    assertThat(store.system(SystemKey.ESCROW)).isEmpty();
    assertThat(store.isEmpty()).isTrue();
  }

  @Test
  void updateSystem_keyBothPutAndRemoved_isRejectedAndWritesNothing() {
    store.putSystem(Map.of(SystemKey.KEYRING, bytes("ring-1")));

    assertThatThrownBy(
            () ->
                store.updateSystem(
                    Map.of(SystemKey.KEYRING, bytes("ring-2")), Set.of(SystemKey.KEYRING)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyring");
    assertThat(store.system(SystemKey.KEYRING).orElseThrow()).isEqualTo(bytes("ring-1"));
  }

  @Test
  void updateSystem_doesNotBumpPolicyGeneration() {
    long before = store.policyGeneration();

    store.updateSystem(Map.of(SystemKey.KEYRING, bytes("ring")), Set.of(SystemKey.ESCROW));

    assertThat(store.policyGeneration()).isEqualTo(before);
  }

  @Test
  void initialize_succeedsOnce_thenWritesNothing() {
    Map<SystemKey, byte[]> first = new EnumMap<>(SystemKey.class);
    first.put(SystemKey.KEY_CHECK, bytes("check-1"));
    first.put(SystemKey.KEYRING, bytes("ring-1"));
    Map<SystemKey, byte[]> second = new EnumMap<>(SystemKey.class);
    second.put(SystemKey.KEY_CHECK, bytes("check-2"));
    second.put(SystemKey.KEYRING, bytes("ring-2"));
    second.put(SystemKey.ESCROW, bytes("escrow-2"));

    assertThat(store.initialize(first)).isTrue();
    assertThat(store.initialize(second)).isFalse();

    assertThat(store.system(SystemKey.KEY_CHECK).orElseThrow()).isEqualTo(bytes("check-1"));
    assertThat(store.system(SystemKey.KEYRING).orElseThrow()).isEqualTo(bytes("ring-1"));
    assertThat(store.system(SystemKey.ESCROW)).isEmpty();
  }

  @Test
  void initialize_afterOtherSystemRecords_stillClaimsOnce() {
    store.putSystem(Map.of(SystemKey.AUDIT_ANCHOR, bytes("anchor")));

    assertThat(store.initialize(Map.of(SystemKey.KEY_CHECK, bytes("check")))).isTrue();
    assertThat(store.system(SystemKey.AUDIT_ANCHOR).orElseThrow()).isEqualTo(bytes("anchor"));
  }

  @Test
  void initialize_withoutKeyCheck_isRejected() {
    assertThatThrownBy(() -> store.initialize(Map.of(SystemKey.KEYRING, bytes("ring"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.isEmpty()).isTrue();
  }

  @Test
  void concurrentInitialize_hasExactlyOneWinner() throws Exception {
    List<Callable<Boolean>> replicas = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Map<SystemKey, byte[]> values =
          Map.of(SystemKey.KEY_CHECK, bytes("check-" + t), SystemKey.KEYRING, bytes("ring-" + t));
      replicas.add(() -> store.initialize(values));
    }

    List<Boolean> results = race(replicas);

    assertThat(results).containsOnlyOnce(true);
    int winner = results.indexOf(true);
    assertThat(store.system(SystemKey.KEY_CHECK).orElseThrow()).isEqualTo(bytes("check-" + winner));
    assertThat(store.system(SystemKey.KEYRING).orElseThrow()).isEqualTo(bytes("ring-" + winner));
  }

  // --- emptiness and reset ---

  @Test
  void secretPathsAfter_walksEveryPathInBatches_inOrder() {
    List<String> written = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      String path = String.format("walk/%03d", i);
      store.writeSecret(create(path, "c"));
      written.add(path);
    }
    List<String> walked = new ArrayList<>();
    String after = "";
    while (true) {
      List<String> batch = store.secretPathsAfter(after, 7);
      if (batch.isEmpty()) {
        break;
      }
      assertThat(batch.size()).isLessThanOrEqualTo(7);
      walked.addAll(batch);
      after = batch.get(batch.size() - 1);
    }
    assertThat(walked).isEqualTo(written);
    assertThat(store.secretCount()).isEqualTo(25);
  }

  @Test
  void versionNumbers_areAscending_withoutReadingCiphertext() {
    store.writeSecret(
        new SecretWrite(
            "v/n",
            0,
            bytes("m"),
            List.of(version("v/n", 3, "c3"), version("v/n", 1, "c1"), version("v/n", 2, "c2")),
            List.of()));
    assertThat(store.versionNumbers("v/n")).containsExactly(1, 2, 3);
    assertThat(store.versionNumbers("unknown")).isEmpty();
    assertThat(store.secretCount()).isEqualTo(1);
  }

  @Test
  void replacePolicy_onlyWhenTheCiphertextIsStillTheExpectedOne() {
    store.putPolicy(new PolicyRecord("p", bytes("old")));
    long generation = store.policyGeneration();
    assertThat(store.replacePolicy("p", bytes("other"), bytes("new"))).isFalse();
    assertThat(store.policy("p").orElseThrow().ciphertext()).isEqualTo(bytes("old"));
    assertThat(store.replacePolicy("p", bytes("old"), bytes("new"))).isTrue();
    assertThat(store.policy("p").orElseThrow().ciphertext()).isEqualTo(bytes("new"));
    assertThat(store.policyGeneration()).isGreaterThan(generation);
    assertThat(store.replacePolicy("absent", bytes("old"), bytes("new"))).isFalse();
  }

  @Test
  void auditAnchor_neverMovesBackwards_exceptByAnExplicitReset() {
    String a = "0".repeat(63) + "a";
    String b = "0".repeat(63) + "b";
    assertThat(store.auditAnchor("host:/audit.log")).isEmpty();
    assertThat(store.advanceAuditAnchor("host:/audit.log", new AuditAnchor(10, a))).isTrue();
    assertThat(store.advanceAuditAnchor("host:/audit.log", new AuditAnchor(4, b))).isFalse();
    assertThat(store.advanceAuditAnchor("host:/audit.log", new AuditAnchor(10, b))).isFalse();
    assertThat(store.auditAnchor("host:/audit.log")).contains(new AuditAnchor(10, a));
    assertThat(store.advanceAuditAnchor("host:/audit.log", new AuditAnchor(11, b))).isTrue();
    assertThat(store.advanceAuditAnchor("other:/audit.log", new AuditAnchor(1, a))).isTrue();
    assertThat(store.auditAnchor("host:/audit.log")).contains(new AuditAnchor(11, b));

    store.resetAuditAnchor("host:/audit.log", new AuditAnchor(1, a));
    assertThat(store.auditAnchor("host:/audit.log")).contains(new AuditAnchor(1, a));
  }

  @Test
  void auditAnchors_areNotData_notExported_keptByWipe_ignoredByIsEmpty() {
    store.advanceAuditAnchor("h:/a", new AuditAnchor(3, "0".repeat(64)));
    assertThat(store.isEmpty()).isTrue();
    List<String> seen = new ArrayList<>();
    store.export(SnapshotVisitor.onSystem((key, value) -> seen.add(key.id())));
    assertThat(seen).isEmpty();
    store.wipe();
    assertThat(store.auditAnchor("h:/a")).contains(new AuditAnchor(3, "0".repeat(64)));
  }

  @Test
  void isEmpty_isFalseWithAnyKindOfRecord() {
    store.writeSecret(create("p", "ct"));
    assertThat(store.isEmpty()).isFalse();
    store.wipe();
    store.putPolicy(new PolicyRecord("a", bytes("x")));
    assertThat(store.isEmpty()).isFalse();
    store.wipe();
    store.putSystem(Map.of(SystemKey.ESCROW, bytes("x")));
    assertThat(store.isEmpty()).isFalse();
    store.wipe();
    assertThat(store.isEmpty()).isTrue();
  }

  @Test
  void wipe_removesEverything_andStoreStaysUsable() {
    long generation = writeOneOfEach("p", new PolicyRecord("a", bytes("x")));

    store.wipe();

    assertThat(store.isEmpty()).isTrue();
    assertThat(store.secretPaths()).isEmpty();
    assertThat(store.versions("p")).isEmpty();
    assertThat(store.policies()).isEmpty();
    assertThat(store.system(SystemKey.KEY_CHECK)).isEmpty();
    assertThat(store.policyGeneration()).isGreaterThan(generation);
    assertThat(store.writeSecret(create("p", "again"))).isTrue();
    assertThat(store.initialize(Map.of(SystemKey.KEY_CHECK, bytes("check-2")))).isTrue();
  }

  @Test
  void close_thenUse_throwsStoreException() {
    store.close();

    assertThatThrownBy(() -> store.secretPaths()).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.writeSecret(create("p", "ct")))
        .isInstanceOf(StoreException.class);
    store = null;
  }

  // --- bulk: export, import, replace ---

  /** Everything in a store, read through the ordinary API (not through export). */
  protected static StoreContents contents(SpikeStore store) {
    return StoreContents.of(store);
  }

  /** What export hands out, in the order it hands it out. */
  protected static List<Object> exported(SpikeStore store) {
    return RecordingVisitor.exported(store);
  }

  /** A few of each kind, keys in an order where UTF-16 and code point order differ. */
  private void fill(SpikeStore target) {
    for (String path : List.of("b", "a/\uE000", "a/\uD83D\uDE00", "a", "B/é")) {
      target.writeSecret(
          new SecretWrite(
              path,
              0,
              bytes("meta:" + path),
              List.of(version(path, 3, "c3:" + path), version(path, 1, "c1:" + path)),
              List.of()));
    }
    target.putPolicy(new PolicyRecord("web", bytes("pw")));
    target.putPolicy(new PolicyRecord("Admin", new byte[0]));
    target.putSystem(
        Map.of(
            SystemKey.KEYRING,
            bytes("ring"),
            SystemKey.KEY_CHECK,
            bytes("check"),
            SystemKey.AUDIT_ANCHOR,
            bytes("anchor")));
  }

  @Test
  void export_streamsEveryRecord_systemSecretsVersionsPolicies_inCodePointOrder() {
    fill(store);

    List<Object> records = exported(store);

    assertThat(records)
        .containsExactly(
            "AUDIT_ANCHOR=" + HexFormat.of().formatHex(bytes("anchor")),
            "KEY_CHECK=" + HexFormat.of().formatHex(bytes("check")),
            "KEYRING=" + HexFormat.of().formatHex(bytes("ring")),
            new SecretRecord("B/é", 1, bytes("meta:B/é")),
            new SecretRecord("a", 1, bytes("meta:a")),
            new SecretRecord("a/\uE000", 1, bytes("meta:a/\uE000")),
            new SecretRecord("a/\uD83D\uDE00", 1, bytes("meta:a/\uD83D\uDE00")),
            new SecretRecord("b", 1, bytes("meta:b")),
            version("B/é", 1, "c1:B/é"),
            version("B/é", 3, "c3:B/é"),
            version("a", 1, "c1:a"),
            version("a", 3, "c3:a"),
            version("a/\uE000", 1, "c1:a/\uE000"),
            version("a/\uE000", 3, "c3:a/\uE000"),
            version("a/\uD83D\uDE00", 1, "c1:a/\uD83D\uDE00"),
            version("a/\uD83D\uDE00", 3, "c3:a/\uD83D\uDE00"),
            version("b", 1, "c1:b"),
            version("b", 3, "c3:b"),
            new PolicyRecord("Admin", new byte[0]),
            new PolicyRecord("web", bytes("pw")));
  }

  @Test
  void export_handsOutCopies() {
    fill(store);
    RecordVisitor vandal = SnapshotVisitor.onSystem((key, value) -> Arrays.fill(value, (byte) 'X'));
    List<Object> before = exported(store);

    store.export(vandal);

    assertThat(exported(store)).isEqualTo(before);
  }

  @Test
  void importThenExport_ofMoreRowsThanOneBatchOrFetch_keepsEveryRowInOrder() {
    int secrets = 1_300;
    store.importAll(
        sink -> {
          for (int i = 0; i < secrets; i++) {
            String path = String.format("bulk/%05d", i);
            sink.secret(new SecretRecord(path, 1 + i, bytes("m" + i)));
            sink.version(version(path, 1, "a" + i));
            sink.version(version(path, 2, "b" + i));
          }
        });
    int[] seen = {0, 0};

    store.export(
        new RecordVisitor() {
          @Override
          public void secret(SecretRecord record) {
            assertThat(record)
                .isEqualTo(
                    new SecretRecord(
                        String.format("bulk/%05d", seen[0]), 1 + seen[0], bytes("m" + seen[0])));
            seen[0]++;
          }

          @Override
          public void version(VersionRecord record) {
            int i = seen[1] / 2;
            assertThat(record)
                .isEqualTo(
                    SpikeStoreContract.version(
                        String.format("bulk/%05d", i),
                        1 + seen[1] % 2,
                        (seen[1] % 2 == 0 ? "a" : "b") + i));
            seen[1]++;
          }
        });

    assertThat(seen).containsExactly(secrets, 2 * secrets);
  }

  @Test
  void export_ofEmptyStore_visitsNothing() {
    assertThat(exported(store)).isEmpty();
  }

  @Test
  void export_thenImportIntoAnotherStore_yieldsIdenticalRecords() {
    fill(store);
    try (SpikeStore copy = newStore(tempDir.resolve("copy"));
        SpikeStore memory = Stores.open(new StoreConfig.Memory())) {
      long generation = copy.policyGeneration();

      copy.importAll(store::export);
      memory.importAll(copy::export);

      assertThat(contents(copy)).isEqualTo(contents(store));
      assertThat(contents(memory)).isEqualTo(contents(store));
      assertThat(exported(copy)).isEqualTo(exported(store));
      assertThat(copy.policyGeneration()).isGreaterThan(generation);
      assertThat(copy.writeSecret(new SecretWrite("a", 1, bytes("m"), List.of(), List.of())))
          .isTrue();
    }
  }

  @Test
  void importAll_fromMemory_intoThisBackend_roundTrips() {
    try (SpikeStore memory = Stores.open(new StoreConfig.Memory())) {
      fill(memory);

      store.importAll(memory::export);

      assertThat(contents(store)).isEqualTo(contents(memory));
    }
  }

  @Test
  void importAll_intoNonEmptyStore_isRefused_andWritesNothing() {
    try (SpikeStore source = newStore(tempDir.resolve("source"))) {
      fill(source);
      for (Runnable seed :
          List.<Runnable>of(
              () -> store.writeSecret(create("p", "ct")),
              () -> store.putPolicy(new PolicyRecord("a", bytes("x"))),
              () -> store.putSystem(Map.of(SystemKey.ESCROW, bytes("x"))))) {
        store.wipe();
        seed.run();
        StoreContents before = contents(store);

        assertThatThrownBy(() -> store.importAll(source::export))
            .isInstanceOf(StoreNotEmptyException.class)
            .hasMessageContaining("not empty");

        assertThat(contents(store)).isEqualTo(before);
      }
    }
  }

  @Test
  void importAll_failingMidway_leavesTheStoreEmpty() {
    IllegalStateException boom = new IllegalStateException("source failed");

    assertThatThrownBy(
            () ->
                store.importAll(
                    sink -> {
                      sink.system(SystemKey.KEY_CHECK, bytes("check"));
                      sink.policy(new PolicyRecord("p", bytes("x")));
                      for (int i = 0; i < 2_500; i++) { // past a couple of batches
                        String path = "bulk/" + i;
                        sink.secret(new SecretRecord(path, 1, bytes("m")));
                        sink.version(version(path, 1, "c"));
                      }
                      throw boom;
                    }))
        .isSameAs(boom);

    assertThat(store.isEmpty()).isTrue();
    assertThat(store.secretPaths()).isEmpty();
    assertThat(store.writeSecret(create("bulk/1", "ct"))).isTrue(); // store still usable
  }

  @Test
  void importAll_duplicateRecord_isStoreException_andWritesNothing() {
    assertThatThrownBy(
            () ->
                store.importAll(
                    sink -> {
                      sink.secret(new SecretRecord("p", 1, bytes("m")));
                      sink.version(version("p", 1, "a"));
                      sink.secret(new SecretRecord("p", 2, bytes("m2")));
                    }))
        .isInstanceOf(StoreException.class);

    assertThat(store.isEmpty()).isTrue();
  }

  @Test
  void importAll_versionWithoutItsSecret_isStoreException_andWritesNothing() {
    assertThatThrownBy(
            () ->
                store.importAll(
                    sink -> {
                      sink.secret(new SecretRecord("p", 1, bytes("m")));
                      sink.version(version("p", 1, "a"));
                      sink.version(version("q", 1, "orphan"));
                    }))
        .isInstanceOf(StoreException.class);

    assertThat(store.isEmpty()).isTrue();
  }

  @Test
  void replaceAll_replacesEverything_andBumpsGeneration() {
    store.writeSecret(create("old", "ct"));
    store.putPolicy(new PolicyRecord("old", bytes("x")));
    store.putSystem(Map.of(SystemKey.ESCROW, bytes("old")));
    long generation = store.policyGeneration();
    try (SpikeStore source = Stores.open(new StoreConfig.Memory())) {
      fill(source);

      store.replaceAll(source::export);

      assertThat(contents(store)).isEqualTo(contents(source));
      assertThat(store.policyGeneration()).isGreaterThan(generation);
    }
  }

  @Test
  void replaceAll_failing_keepsWhatWasThere() {
    fill(store);
    StoreContents before = contents(store);

    assertThatThrownBy(
            () ->
                store.replaceAll(
                    sink -> {
                      sink.secret(new SecretRecord("new", 1, bytes("m")));
                      throw new IllegalStateException("source failed");
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(contents(store)).isEqualTo(before);
  }

  @Test
  void export_isOneConsistentView_writesDuringTheExportAreNotSeen() {
    fill(store);
    List<Object> expected = exported(store);
    boolean[] wrote = {false};
    RecordingVisitor records =
        new RecordingVisitor() {
          @Override
          public void system(SystemKey key, byte[] value) {
            if (!wrote[
                0]) { // the export has begun reading: now change everything it has yet to read
              wrote[0] = true;
              store.writeSecret(create("late", "ct"));
              store.writeSecret(
                  new SecretWrite(
                      "a",
                      1,
                      bytes("changed"),
                      List.of(SpikeStoreContract.version("a", 9, "new")),
                      List.of(1)));
              store.putPolicy(new PolicyRecord("late", bytes("x")));
            }
            super.system(key, value);
          }
        };

    store.export(records);

    assertThat(records.records()).isEqualTo(expected);
    assertThat(store.secret("late")).isPresent();
  }

  @Test
  void export_visitorThrowing_propagates_andReleasesTheStore() {
    fill(store);
    for (int i = 0; i < 12; i++) { // more than any reader pool: each export must give its back
      assertThatThrownBy(
              () ->
                  store.export(
                      SnapshotVisitor.onVersions(
                          record -> {
                            throw new IllegalStateException("visitor failed");
                          })))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("visitor failed");
    }

    assertThat(store.writeSecret(create("after", "ct"))).isTrue();
    assertThat(exported(store)).contains(version("after", 1, "ct"));
  }

  // --- change log (outbox) ---

  /** Every change recorded and not yet forgotten. */
  protected static List<Change> recorded(SpikeStore target) {
    return target.changesAfter(0, 100_000);
  }

  /**
   * Migrates the database at {@code jdbcUrl} to schema version 2 only and puts a policy in it with
   * plain SQL, then opens it through {@code config} (which migrates it): the policy is still there,
   * and the change log starts empty and records the next change.
   */
  protected static void assertVersion2DatabaseUpgrades(
      String jdbcUrl, String dialect, StoreConfig config) throws SQLException {
    Flyway.configure()
        .dataSource(jdbcUrl, null, null)
        .locations("classpath:db/migration/" + dialect)
        .target("2")
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        PreparedStatement insert =
            c.prepareStatement("INSERT INTO policies (name, ciphertext) VALUES (?, ?)")) {
      insert.setString(1, "ops");
      insert.setBytes(2, bytes("x"));
      insert.executeUpdate();
    }

    try (SpikeStore upgraded = Stores.open(config)) {
      assertThat(upgraded.policies()).containsExactly(new PolicyRecord("ops", bytes("x")));
      assertThat(upgraded.changeLog().lastSeq()).isZero();
      upgraded.deletePolicy("ops");
      assertThat(recorded(upgraded))
          .extracting(Change::kind)
          .containsExactly(Change.Kind.POLICY_DELETE);
    }
  }

  /**
   * With {@code refuseChanges} run on the database behind {@link #store} (it must make every insert
   * into the changes table fail), every kind of write fails as a {@link StoreException} and leaves
   * nothing: the change and its log entry share one transaction.
   */
  protected final void assertAChangeThatCannotBeRecordedIsNotMade(String refuseChanges)
      throws SQLException {
    store.putPolicy(new PolicyRecord("kept", bytes("x")));
    List<Object> before = exported(store);
    ChangeLogPosition position = store.changeLog();
    try (Connection c = DriverManager.getConnection(jdbcUrl());
        Statement s = c.createStatement()) {
      s.execute(refuseChanges);
    }

    List<Runnable> writes =
        List.of(
            () -> store.writeSecret(create("p", "ct")),
            () -> store.putPolicy(new PolicyRecord("p", bytes("x"))),
            () -> store.replacePolicy("kept", bytes("x"), bytes("y")),
            () -> store.deletePolicy("kept"),
            () -> store.putSystem(Map.of(SystemKey.ESCROW, bytes("e"))),
            () -> store.initialize(Map.of(SystemKey.KEY_CHECK, bytes("c"))),
            () -> store.wipe());
    for (Runnable write : writes) {
      assertThatThrownBy(write::run).isInstanceOf(StoreException.class);
    }

    assertThat(exported(store)).isEqualTo(before);
    assertThat(store.changeLog()).isEqualTo(position);
  }

  /** The JDBC URL of {@link #store}'s database (backends with one). */
  protected String jdbcUrl() {
    throw new UnsupportedOperationException("this backend has no JDBC URL");
  }

  /**
   * Runs {@code op} and asserts that it recorded exactly one change, whose body is {@code body}.
   */
  private void assertRecordsOne(Runnable op, ChangeBody body) {
    ChangeLogPosition before = store.changeLog();
    op.run();
    List<Change> added = store.changesAfter(before.lastSeq(), 10);
    assertThat(added).hasSize(1);
    assertThat(added.get(0).seq()).isEqualTo(before.lastSeq() + 1);
    assertThat(added.get(0).kind()).isEqualTo(body.kind());
    assertThat(added.get(0).decode()).isEqualTo(body);
    assertThat(store.changeLog())
        .isEqualTo(new ChangeLogPosition(before.logId(), before.lastSeq() + 1));
  }

  /** Runs {@code op} and asserts that the change log did not move. */
  private void assertRecordsNothing(Runnable op) {
    ChangeLogPosition before = store.changeLog();
    op.run();
    assertThat(store.changeLog()).isEqualTo(before);
    assertThat(store.changesAfter(before.lastSeq(), 10)).isEmpty();
  }

  @Test
  void changeLog_ofANewStore_isEmpty() {
    ChangeLogPosition position = store.changeLog();
    assertThat(position.lastSeq()).isZero();
    assertThat(position.logId()).matches("[0-9a-f]{32}");
    assertThat(recorded(store)).isEmpty();
  }

  @Test
  void everyMutatingMethod_recordsExactlyOneChange_withTheRecordsAsStored() {
    SecretWrite create = create("app/db", "ct-1");
    assertRecordsOne(() -> store.writeSecret(create), new ChangeBody.SecretWritten(create));
    SecretWrite update =
        new SecretWrite(
            "app/db", 1, bytes("meta-2"), List.of(version("app/db", 2, "ct-2")), List.of(1));
    assertRecordsOne(() -> store.writeSecret(update), new ChangeBody.SecretWritten(update));
    PolicyRecord policy = new PolicyRecord("ops", bytes("pol-1"));
    assertRecordsOne(() -> store.putPolicy(policy), new ChangeBody.PolicyPut(policy));
    assertRecordsOne(
        () -> store.replacePolicy("ops", bytes("pol-1"), bytes("pol-2")),
        new ChangeBody.PolicyPut(new PolicyRecord("ops", bytes("pol-2"))));
    assertRecordsOne(() -> store.deletePolicy("ops"), new ChangeBody.PolicyDeleted("ops"));
    Map<SystemKey, byte[]> check = Map.of(SystemKey.KEY_CHECK, bytes("check"));
    assertRecordsOne(() -> store.initialize(check), new ChangeBody.SystemUpdated(check, Set.of()));
    Map<SystemKey, byte[]> escrow = Map.of(SystemKey.ESCROW, bytes("escrow"));
    assertRecordsOne(() -> store.putSystem(escrow), new ChangeBody.SystemUpdated(escrow, Set.of()));
    Map<SystemKey, byte[]> keyring = Map.of(SystemKey.KEYRING, bytes("ring"));
    assertRecordsOne(
        () -> store.updateSystem(keyring, Set.of(SystemKey.ESCROW)),
        new ChangeBody.SystemUpdated(keyring, Set.of(SystemKey.ESCROW)));
    assertRecordsOne(() -> store.wipe(), new ChangeBody.Wiped());
  }

  @Test
  void refusedWrites_recordNothing() {
    store.writeSecret(create("p", "ct"));
    store.putPolicy(new PolicyRecord("ops", bytes("pol")));
    store.initialize(Map.of(SystemKey.KEY_CHECK, bytes("check")));

    assertRecordsNothing(() -> assertThat(store.writeSecret(create("p", "again"))).isFalse());
    assertRecordsNothing(
        () -> assertThat(store.replacePolicy("ops", bytes("other"), bytes("x"))).isFalse());
    assertRecordsNothing(() -> assertThat(store.deletePolicy("absent")).isFalse());
    assertRecordsNothing(
        () -> assertThat(store.initialize(Map.of(SystemKey.KEY_CHECK, bytes("2")))).isFalse());
    assertRecordsNothing(
        () ->
            assertThatThrownBy(
                    () ->
                        store.updateSystem(
                            Map.of(SystemKey.ESCROW, bytes("x")), Set.of(SystemKey.ESCROW)))
                .isInstanceOf(IllegalArgumentException.class));
    assertRecordsNothing(
        () -> store.advanceAuditAnchor("h:/a", new AuditAnchor(1, "0".repeat(64))));
  }

  @Test
  void changes_areNumberedConsecutively_atTimesThatNeverGoBack() {
    for (int i = 0; i < 5; i++) {
      appendVersion(store, "p");
      store.putPolicy(new PolicyRecord("pol" + i, bytes("x")));
    }

    List<Change> changes = recorded(store);
    assertThat(changes)
        .extracting(Change::seq)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
    for (int i = 1; i < changes.size(); i++) {
      assertThat(changes.get(i).at()).isAfterOrEqualTo(changes.get(i - 1).at());
    }
    assertThat(store.changeLog().lastSeq()).isEqualTo(10);
  }

  @Test
  void changesAfter_pagesAndForgetChangesThrough_dropsShippedRowsOnly() {
    for (int i = 0; i < 6; i++) {
      store.putPolicy(new PolicyRecord("p" + i, bytes("x")));
    }
    assertThat(store.changesAfter(2, 3)).extracting(Change::seq).containsExactly(3L, 4L, 5L);
    assertThatThrownBy(() -> store.changesAfter(0, 0)).isInstanceOf(IllegalArgumentException.class);

    store.forgetChangesThrough(4);

    assertThat(recorded(store)).extracting(Change::seq).containsExactly(5L, 6L);
    assertThat(store.changeLog().lastSeq()).isEqualTo(6);
    store.putPolicy(new PolicyRecord("p", bytes("x")));
    assertThat(recorded(store)).extracting(Change::seq).containsExactly(5L, 6L, 7L);
  }

  @Test
  void logScopedReadsAndForgets_ignoreALogStartedMeanwhile() {
    store.putPolicy(new PolicyRecord("a", bytes("x")));
    String shipping = store.changeLog().logId();
    assertThat(store.changesAfter(shipping, 0, 10)).extracting(Change::seq).containsExactly(1L);

    store.replaceAll(sink -> {});
    store.putPolicy(new PolicyRecord("b", bytes("y")));
    store.putPolicy(new PolicyRecord("c", bytes("z")));

    assertThat(store.changesAfter(shipping, 0, 10)).isEmpty();
    store.forgetChangesThrough(shipping, 1);
    assertThat(recorded(store)).extracting(Change::seq).containsExactly(1L, 2L);
    String current = store.changeLog().logId();
    assertThat(store.changesAfter(current, 1, 10)).extracting(Change::seq).containsExactly(2L);
    store.forgetChangesThrough(current, 1);
    assertThat(recorded(store)).extracting(Change::seq).containsExactly(2L);
  }

  @Test
  void startChangeLog_continuesAfterTheGivenPoint_underTheGivenId() {
    store.putPolicy(new PolicyRecord("a", bytes("x")));
    String id = ChangeLogPosition.newLogId();

    store.startChangeLog(id, 41);

    assertThat(store.changeLog()).isEqualTo(new ChangeLogPosition(id, 41));
    assertThat(recorded(store)).isEmpty();
    store.putPolicy(new PolicyRecord("b", bytes("x")));
    assertThat(recorded(store)).extracting(Change::seq).containsExactly(42L);
    assertThatThrownBy(() -> store.startChangeLog("no/slash", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void importAndReplace_startANewLog_aFailedOneKeepsTheOld() {
    store.putPolicy(new PolicyRecord("a", bytes("x")));
    ChangeLogPosition before = store.changeLog();
    assertThatThrownBy(
            () ->
                store.replaceAll(
                    sink -> {
                      throw new IllegalStateException("source failed");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.changeLog()).isEqualTo(before);
    assertThat(recorded(store)).hasSize(1);

    store.replaceAll(sink -> sink.policy(new PolicyRecord("b", bytes("y"))));

    ChangeLogPosition replaced = store.changeLog();
    assertThat(replaced.logId()).isNotEqualTo(before.logId());
    assertThat(replaced.lastSeq()).isZero();
    assertThat(recorded(store)).isEmpty();

    store.wipe();
    String wipedLog = store.changeLog().logId();
    store.importAll(sink -> sink.policy(new PolicyRecord("c", bytes("z"))));
    assertThat(store.changeLog().logId()).isNotIn(wipedLog, before.logId());
    assertThat(store.changeLog().lastSeq()).isZero();
  }

  @Test
  void export_reportsTheChangeLogPositionOfItsView_first() {
    store.writeSecret(create("p", "ct"));
    store.putPolicy(new PolicyRecord("a", bytes("x")));
    List<Object> seen = new ArrayList<>();
    store.export(
        new RecordVisitor() {
          @Override
          public void changeLog(ChangeLogPosition position) {
            seen.add(position);
          }

          @Override
          public void secret(SecretRecord record) {
            seen.add(record.path());
          }
        });

    assertThat(seen).containsExactly(store.changeLog(), "p");
    assertThat(store.changeLog().lastSeq()).isEqualTo(2);
  }

  @Test
  void applyChange_replayOntoAnImportedCopy_reproducesTheSameExport() {
    try (SpikeStore source = Stores.open(new StoreConfig.Memory())) {
      source.initialize(Map.of(SystemKey.KEY_CHECK, bytes("check")));
      source.writeSecret(create("app/db", "ct-1"));
      source.putPolicy(new PolicyRecord("ops", bytes("pol-1")));
      ChangeLogPosition snapshot = source.changeLog();
      store.importAll(sink -> source.export(sink));

      appendVersion(source, "app/db");
      source.writeSecret(
          new SecretWrite(
              "app/db", 2, bytes("meta-3"), List.of(version("app/db", 3, "ct-3")), List.of(1)));
      source.writeSecret(create("app/new", "ct-n"));
      source.replacePolicy("ops", bytes("pol-1"), bytes("pol-2"));
      source.putPolicy(new PolicyRecord("dev", bytes("pol-d")));
      source.deletePolicy("dev");
      source.putSystem(Map.of(SystemKey.ESCROW, bytes("escrow")));
      source.updateSystem(Map.of(SystemKey.KEYRING, bytes("ring")), Set.of(SystemKey.ESCROW));
      List<Change> log = source.changesAfter(snapshot.lastSeq(), 1_000);

      log.forEach(store::applyChange);

      assertThat(exported(store)).isEqualTo(exported(source));
      assertThat(store.changeLog().lastSeq()).isEqualTo(log.size());
      assertThat(recorded(store))
          .extracting(Change::body)
          .containsExactlyElementsOf(log.stream().map(Change::body).toList());
    }
  }

  @Test
  void applyChange_ofAWipe_andOfWhatFollows_reproducesTheState() {
    try (SpikeStore source = Stores.open(new StoreConfig.Memory())) {
      source.writeSecret(create("old", "ct"));
      store.importAll(sink -> source.export(sink));
      long from = source.changeLog().lastSeq();
      source.wipe();
      source.writeSecret(create("new", "ct"));

      source.changesAfter(from, 10).forEach(store::applyChange);

      assertThat(exported(store)).isEqualTo(exported(source));
    }
  }

  @Test
  void applyChange_thatDoesNotApply_isRefused_writesAndRecordsNothing() {
    store.writeSecret(create("p", "ct"));
    ChangeLogPosition before = store.changeLog();
    List<Object> contents = exported(store);
    Change stale =
        Change.of(
            9, java.time.Instant.ofEpochMilli(5), new ChangeBody.SecretWritten(create("p", "x")));
    Change missing =
        Change.of(10, java.time.Instant.ofEpochMilli(5), new ChangeBody.PolicyDeleted("absent"));

    assertThatThrownBy(() -> store.applyChange(stale))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("change 9")
        .hasMessageContaining("'p'");
    assertThatThrownBy(() -> store.applyChange(missing))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("change 10");

    assertThat(exported(store)).isEqualTo(contents);
    assertThat(store.changeLog()).isEqualTo(before);
  }

  @Test
  void tryLease_isExclusivePerName_untilClosed() {
    StoreLease lease = store.tryLease("changelog-shipper").orElseThrow();
    assertThat(lease.held()).isTrue();
    assertThat(lease.name()).isEqualTo("changelog-shipper");
    assertThat(store.tryLease("changelog-shipper")).isEmpty();
    try (StoreLease other = store.tryLease("other").orElseThrow()) {
      assertThat(other.held()).isTrue();
    }

    lease.close();
    lease.close();

    assertThat(lease.held()).isFalse();
    try (StoreLease again = store.tryLease("changelog-shipper").orElseThrow()) {
      assertThat(again.held()).isTrue();
    }
  }

  @Test
  void concurrentWriters_recordEveryChangeOnce_andAReaderNeverSeesAGap() throws Exception {
    int writes = 20;
    long total = (long) THREADS * writes;
    List<Callable<Long>> all = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      String path = "p" + t;
      all.add(
          () -> {
            for (int i = 0; i < writes; i++) {
              appendVersion(store, path);
            }
            return 0L;
          });
    }
    all.add(
        () -> {
          long last = 0;
          while (last < total) {
            for (Change c : store.changesAfter(last, 50)) {
              assertThat(c.seq()).isEqualTo(last + 1);
              last = c.seq();
            }
          }
          return last;
        });

    List<Long> results = race(all);

    assertThat(results.get(THREADS)).isEqualTo((long) THREADS * writes);
    List<Change> changes = recorded(store);
    assertThat(changes).hasSize(THREADS * writes);
    for (int t = 0; t < THREADS; t++) {
      String path = "p" + t;
      assertThat(
              changes.stream()
                  .map(c -> ((ChangeBody.SecretWritten) c.decode()).write())
                  .filter(w -> w.path().equals(path))
                  .map(SecretWrite::expectedRevision)
                  .toList())
          .containsExactlyElementsOf(LongStream.range(0, writes).boxed().toList());
    }
  }

  // --- what records print ---

  @Test
  void recordsReturnedByTheStore_printLengthsNotBytes() {
    store.writeSecret(create("p", "SECRETCIPHER"));
    store.putPolicy(new PolicyRecord("pol", bytes("SECRETCIPHER")));

    String printed =
        store.secret("p").orElseThrow() + " " + store.versions("p") + " " + store.policies();

    assertThat(printed)
        .contains("p", "pol", "12 bytes", "6 bytes")
        .doesNotContain("SECRETCIPHER", "[B@", "83, 69");
  }
}
