package io.spike.nexus.backup;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.spike.api.NexusClient;
import io.spike.api.wire.StatusResponse;
import io.spike.config.EnvBuilder;
import io.spike.config.Settings;
import io.spike.crypto.SecretBytes;
import io.spike.nexus.NexusConfig;
import io.spike.nexus.NexusTestCluster;
import io.spike.nexus.TestClock;
import io.spike.store.StoreConfig;
import io.spike.store.snapshot.SnapshotWriter;
import io.spike.testkit.LogCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupVerifierTest {
  private static final Duration BACKUP_INTERVAL = Duration.ofHours(1);

  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<AutoCloseable> closing = new ArrayList<>();
  private LiveStore live;
  private Path target;

  @BeforeEach
  void open() {
    live = closeLater(new LiveStore(new StoreConfig.Sqlite(dir.resolve("data/spike.db"))));
    live.withData();
    target = dir.resolve("target");
  }

  @AfterEach
  void close() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
    registry.close();
  }

  private <T extends AutoCloseable> T closeLater(T closeable) {
    closing.add(closeable);
    return closeable;
  }

  private BackupVerifier verifier(BackupVerifier.ChangeLogCheck changeLog) {
    return verifier(target.toUri().toString(), changeLog);
  }

  private BackupVerifier verifier(String targetUrl, BackupVerifier.ChangeLogCheck changeLog) {
    return closeLater(
        new BackupVerifier(
            new NexusConfig.Backups(
                Optional.empty(),
                Optional.of(targetUrl),
                BACKUP_INTERVAL,
                3,
                Duration.ofSeconds(1),
                Duration.ofMinutes(10)),
            live.barrier,
            clock,
            registry,
            changeLog));
  }

  private BackupVerifier verifier() {
    return verifier(BackupVerifier.ChangeLogCheck.NONE);
  }

  /** A signed snapshot of {@code from} at the target, named for {@code at}. */
  private String backup(LiveStore from, Instant at) throws IOException {
    Files.createDirectories(target);
    String name = SnapshotWriter.fileName(at);
    from.snapshots.writeFile(target.resolve(name), at);
    return name;
  }

  private double failures() {
    return registry.get("spike.backup.verify.failures").counter().count();
  }

  private double verifiedAt() {
    return registry.get("spike.backup.verified.timestamp.seconds").gauge().value();
  }

  private static List<Path> scratchDirectories() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(f -> f.getFileName().toString().startsWith("spike-verify-")).toList();
    }
  }

  /** Not verified: one failure counted, no timestamp; the problems it had. */
  private static List<String> assertFailedOnce(
      BackupVerifier verifier, BackupVerifier.Outcome out) {
    assertThat(out).isInstanceOf(BackupVerifier.Outcome.Failed.class);
    assertThat(verifier.lastVerified()).isEmpty();
    return ((BackupVerifier.Outcome.Failed) out).problems();
  }

  @Test
  void goodBackup_verifies_theNewestByTheTimeInItsName_andSetsTheTimestamp() throws IOException {
    Files.createDirectories(target);
    Files.writeString(target.resolve(SnapshotWriter.fileName(clock.instant())), "older, damaged");
    Files.writeString(target.resolve("spike-snapshot-99999999T999999Z.snap"), "not a snapshot");
    clock.advance(Duration.ofMinutes(5));
    String newest = backup(live, clock.instant());
    List<Path> scratchBefore = scratchDirectories();
    BackupVerifier verifier = verifier();
    clock.advance(Duration.ofMinutes(10));

    BackupVerifier.Outcome outcome = verifier.runOnce();

    assertThat(outcome).isEqualTo(new BackupVerifier.Outcome.Verified(newest));
    assertThat(verifier.lastVerified())
        .contains(new StatusResponse.VerifiedBackup(clock.instant(), newest));
    assertThat(verifiedAt()).isEqualTo(clock.instant().getEpochSecond());
    assertThat(failures()).isZero();
    assertThat(registry.get("spike.backup.verify.duration").timer().count()).isEqualTo(1);
    assertThat(scratchDirectories()).as("the scratch copy is deleted").isEqualTo(scratchBefore);
    assertThat(registry.scrape())
        .contains("spike_backup_verified_timestamp_seconds ")
        .contains("spike_backup_verify_failures_total 0.0")
        .contains("spike_backup_verify_interval_seconds 600.0")
        .contains("spike_backup_verify_duration_seconds_count 1");
  }

  @Test
  void oneFlippedByte_isAFailure_namingTheSnapshotAndTheSection() throws IOException {
    String name = backup(live, clock.instant());
    Path good = dir.resolve("good.snap");
    Files.move(target.resolve(name), good);
    LiveStore.flipByteIn(good, "versions", target.resolve(name));
    BackupVerifier verifier = verifier();

    List<String> problems = assertFailedOnce(verifier, verifier.runOnce());

    assertThat(problems).singleElement().asString().startsWith(name + ": ").contains("versions");
    assertThat(failures()).isEqualTo(1);
    assertThat(verifiedAt()).isZero();
  }

  @Test
  void snapshotOfAnotherSystem_isAFailure_andAGoodOneLaterVerifies() throws IOException {
    try (LiveStore other = new LiveStore().withData()) {
      String name = backup(other, clock.instant());
      BackupVerifier verifier = verifier();

      List<String> problems = assertFailedOnce(verifier, verifier.runOnce());

      assertThat(problems).containsExactly(name + ": " + SnapshotVerifier.OTHER_ROOT_KEY);
      clock.advance(Duration.ofSeconds(1));
      String ours = backup(live, clock.instant());
      assertThat(verifier.runOnce()).isEqualTo(new BackupVerifier.Outcome.Verified(ours));
      assertThat(failures()).isEqualTo(1);
    }
  }

  @Test
  void recordThatDoesNotDecrypt_isAFailure_loggedWithItsPlace_neverAValueOrAKey()
      throws IOException {
    live.moveVersionOntoAnotherPath();
    String name = backup(live, clock.instant());
    BackupVerifier verifier = verifier();
    SecretBytes material = live.key.material();
    String keyHex = HexFormat.of().formatHex(material.copyBytes());
    material.destroy();

    try (LogCapture logs = LogCapture.everything()) {
      List<String> problems = assertFailedOnce(verifier, verifier.runOnce());

      assertThat(problems)
          .containsExactly(name + ": versions: 'apps/api/db' version 1 does not decrypt");
      assertThat(logs.events())
          .anySatisfy(
              event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage())
                    .startsWith("backup verification failed: " + problems.get(0));
              });
      logs.assertNeverContains(LiveStore.PLAINTEXTS);
      logs.assertNeverContains(keyHex);
    }
  }

  @Test
  void emptyTarget_isNoFailure_untilOneBackupIntervalAndTheGraceHavePassed() {
    BackupVerifier verifier = verifier();
    clock.advance(BACKUP_INTERVAL);

    assertThat(verifier.runOnce()).isEqualTo(new BackupVerifier.Outcome.Skipped());
    assertThat(failures()).isZero();

    clock.advance(BackupVerifier.FIRST_BACKUP_GRACE);
    List<String> problems = assertFailedOnce(verifier, verifier.runOnce());

    assertThat(problems).singleElement().asString().startsWith("no snapshot at ");
    assertThat(failures()).isEqualTo(1);
    assertThat(verifiedAt()).isZero();
  }

  @Test
  void unreachableTarget_isAFailure_namingTheTarget_neverItsCredentials() {
    String secretKey = "unreachable-secret-k3y";
    String idBefore = System.setProperty("aws.accessKeyId", "unreachable-id");
    String keyBefore = System.setProperty("aws.secretAccessKey", secretKey);
    try (LogCapture logs = LogCapture.everything()) {
      BackupVerifier verifier =
          verifier(
              "s3://backups/nexus?endpoint=http://127.0.0.1:1&region=us-east-1&path-style=true",
              BackupVerifier.ChangeLogCheck.NONE);

      List<String> problems = assertFailedOnce(verifier, verifier.runOnce());

      assertThat(problems).singleElement().asString().contains("s3://backups/nexus");
      assertThat(failures()).isEqualTo(1);
      assertThat(verifiedAt()).isZero();
      logs.assertNeverContains(secretKey);
    } finally {
      restore("aws.accessKeyId", idBefore);
      restore("aws.secretAccessKey", keyBefore);
    }
  }

  private static void restore(String property, String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }

  @Test
  void changeLogStep_runsOnTheScratchStoreAfterAGoodSnapshot_andItsProblemsFail()
      throws IOException {
    String name = backup(live, clock.instant());
    List<Long> secretsSeen = new ArrayList<>();
    BackupVerifier verifier =
        verifier(
            (from, snapshot, scratch, rootKey) -> {
              secretsSeen.add(scratch.secretCount());
              return List.of("changes/log-1/00000001.seg: chain broken");
            });

    List<String> problems = assertFailedOnce(verifier, verifier.runOnce());

    assertThat(secretsSeen).containsExactly(2L);
    assertThat(problems).containsExactly(name + ": changes/log-1/00000001.seg: chain broken");
    assertThat(failures()).isEqualTo(1);
  }

  @Test
  void whileSealed_aRoundIsSkipped_notCounted() throws IOException {
    backup(live, clock.instant());
    BackupVerifier verifier = verifier();
    live.barrier.seal();

    assertThat(verifier.runOnce()).isEqualTo(new BackupVerifier.Outcome.Skipped());
    assertThat(failures()).isZero();
  }

  /** In a real Nexus: a backup every second, verified every second, told by status and metrics. */
  @Test
  void nexus_verifiesItsOwnBackups_statusTellsTheLastVerified() {
    Path backups = dir.resolve("backups");
    try (NexusTestCluster cluster =
        NexusTestCluster.start(
            dir.resolve("nexus"),
            new StoreConfig.Memory(),
            new EnvBuilder()
                .setText(Settings.BACKUP_DIR, backups.toString())
                .setText(Settings.BACKUP_INTERVAL, "1s")
                .setText(Settings.BACKUP_VERIFY_INTERVAL, "1s")
                .build())) {
      cluster.seedKeepers();
      cluster.awaitReady();
      NexusClient client = cluster.client(cluster.superuser());
      client.putSecret("apps/a", Map.of("k", LiveStore.PLAINTEXTS.get(0)));

      StatusResponse.VerifiedBackup verified = awaitVerified(client, Duration.ofSeconds(20));

      assertThat(verified.snapshot()).startsWith("spike-snapshot-").endsWith(".snap");
      assertThat(verified.at()).isAfter(Instant.now().minusSeconds(60));
      assertThat(cluster.ops("/metrics").body())
          .contains("spike_backup_verify_interval_seconds 1.0")
          .contains("spike_backup_verify_failures_total 0.0")
          .doesNotContain("spike_backup_verified_timestamp_seconds 0.0");
    }
  }

  private static StatusResponse.VerifiedBackup awaitVerified(NexusClient client, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<StatusResponse.VerifiedBackup> verified =
          client.status().details().orElseThrow().lastVerifiedBackup();
      if (verified.isPresent()) {
        return verified.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no backup verified within " + timeout);
      }
      NexusTestCluster.sleep(200);
    }
  }

  @Test
  void withoutATarget_theIntervalGaugeIsZero_andStartDoesNothing() {
    try (BackupVerifier off =
        new BackupVerifier(
            new NexusConfig.Backups(Optional.empty(), BACKUP_INTERVAL, 3),
            live.barrier,
            clock,
            registry,
            BackupVerifier.ChangeLogCheck.NONE)) {
      off.start();

      assertThat(registry.get("spike.backup.verify.interval.seconds").gauge().value()).isZero();
      assertThat(off.lastVerified()).isEmpty();
    }
  }
}
