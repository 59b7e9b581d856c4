package io.spike.pilot.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.crypto.Shard;
import io.spike.pilot.snapshot.ChangeLogOptions;
import io.spike.pilot.snapshot.RecoveryShards;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import io.spike.pilot.testing.ShippedLog;
import io.spike.pilot.testing.SnapshotFixture;
import io.spike.store.Change;
import io.spike.store.PolicyRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DrillTest {
  @TempDir Path dir;

  private final SnapshotFixture system = new SnapshotFixture(3, 2);
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-20T13:00:00Z"), ZoneOffset.UTC);
  private FakeServer server;
  private FakeScratch scratch;
  private final AtomicInteger restoreCalls = new AtomicInteger();
  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

  @BeforeEach
  void aFakeScratchNexus() throws Exception {
    server = FakeNexusData.serve(new FakeServer());
    scratch = new FakeScratch(server);
    server.on(
        Routes.OPERATOR_RESTORE,
        "",
        body -> {
          boolean done = restoreCalls.incrementAndGet() >= 2;
          scratch.restored.set(done);
          return new FakeServer.Answer(
              200,
              "{\"collected\":"
                  + restoreCalls.get()
                  + ",\"remaining\":"
                  + (done ? 0 : 1)
                  + ",\"restored\":"
                  + done
                  + "}");
        });
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /**
   * Drills {@code snapshot} with the shards in {@code shardDir}; private copies go to {@code dir}.
   */
  private DrillReport drill(Path snapshot, Path shardDir, Duration timeout, boolean allowUnsigned) {
    List<Shard> shards = RecoveryShards.fromDir(shardDir);
    try {
      return new Drill(
              scratch, clock, timeout, new PrintStream(progress, true, StandardCharsets.UTF_8), dir)
          .run(snapshot, shards, allowUnsigned);
    } finally {
      shards.forEach(Shard::destroy);
    }
  }

  /** Drills {@code snapshot} with this system's shards {@code ids}, a 10 s timeout. */
  private DrillReport drill(Path snapshot, int... ids) {
    return drill(snapshot, shards(ids), Duration.ofSeconds(10), false);
  }

  private Path shards(int... ids) {
    return system.writeShards(dir.resolve("shards"), ids);
  }

  /** The report failed for one reason only: that reason. */
  private static AbstractStringAssert<?> onlyReason(DrillReport r) {
    assertThat(r.verdict()).isEqualTo("FAIL");
    return assertThat(r.reasons()).singleElement().asString();
  }

  @Test
  void drill_goodSnapshotAndShards_passes_andCleansUp() {
    Path snap = system.snapshotIn(dir);

    DrillReport r = drill(snap, 1, 2, 3);

    assertThat(r.verdict()).as(r.reasons().toString()).isEqualTo("PASS");
    assertThat(r.reasons()).isEmpty();
    assertThat(r.checks())
        .extracting(DrillReport.Check::name)
        .containsExactly(
            "snapshot intact",
            "shards open the snapshot",
            "snapshot signed by this system's root key",
            "restore into a scratch store",
            "scratch Nexus unseals with the shards",
            "scratch Nexus ready",
            "snapshot paths",
            "secrets listed",
            "metadata decrypts",
            "live versions decrypt",
            "version count",
            "policies decrypt",
            "policy count");
    assertThat(r.threshold()).contains(2);
    assertThat(r.shardsUsed()).containsExactly(1, 2);
    assertThat(r.rpoSeconds()).contains(3600L);
    assertThat(r.rtoSeconds()).isPresent();
    assertThat(r.found()).isEqualTo(new DrillReport.Found(2, 3, 2, 1));
    assertThat(r.nexusLog()).isEmpty();
    assertThat(scratch.shares).isEqualTo(3);
    assertThat(scratch.threshold).isEqualTo(2);
    assertThat(scratch.dataExisted).isTrue();
    assertThat(scratch.closed).isTrue();
    assertThat(scratch.work).doesNotExist();
    assertThat(restoreCalls.get()).isEqualTo(2);
  }

  @Test
  void drill_sharesCoverTheHighestShardId() {
    Path snap = system.snapshotIn(dir);

    DrillReport r = drill(snap, 1, 3);

    assertThat(r.passed()).as(r.reasons().toString()).isTrue();
    assertThat(scratch.shares).isEqualTo(3);
    assertThat(r.shardsUsed()).containsExactly(1, 3);
  }

  @Test
  void drill_damagedSnapshot_fails_withoutStartingNexus() {
    Path snap = system.snapshotIn(dir);
    SnapshotFixture.flipByteIn(snap, "versions");

    DrillReport r = drill(snap, 1, 2);

    onlyReason(r).startsWith("snapshot intact: damaged in section versions (");
    assertThat(r.created()).isEmpty();
    assertThat(scratch.launches).isZero();
  }

  @Test
  void drill_wrongShards_fails_withoutStartingNexus_butStillReportsRpo() {
    Path snap = system.snapshotIn(dir);

    DrillReport r =
        drill(
            snap,
            new SnapshotFixture(3, 2).writeShards(dir.resolve("shards"), 1, 2, 3),
            Duration.ofSeconds(10),
            false);

    onlyReason(r).startsWith("shards open the snapshot: wrong shards");
    assertThat(r.rpoSeconds()).contains(3600L);
    assertThat(r.expected()).isPresent();
    assertThat(scratch.launches).isZero();
  }

  @Test
  void drill_splicedUnsigned_fails_beforeRestoringOrStartingNexus() {
    Path forged = system.forgedUnsigned(dir, store -> store.deletePolicy("web"));

    DrillReport r = drill(forged, 1, 2);

    onlyReason(r)
        .startsWith(
            "snapshot signed by this system's root key: unsigned:" + " nothing proves who wrote it")
        .contains("--allow-unsigned");
    assertThat(scratch.launches).isZero();
    assertThat(progress.toString(StandardCharsets.UTF_8)).doesNotContain("restoring");
  }

  @Test
  void drill_unsigned_withAllowUnsigned_passes_andWarnsWhatItSkips() throws Exception {
    Path unsigned = system.unsignedSnapshot(dir.resolve("u.snap"));
    DrillReport r = drill(unsigned, shards(1, 2), Duration.ofSeconds(10), true);

    assertThat(r.passed()).as(r.reasons().toString()).isTrue();
    assertThat(r.checks())
        .filteredOn(c -> c.name().equals(Drill.SIGNED))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.detail())
                    .startsWith(
                        "unsigned, let through by --allow-unsigned: no signature"
                            + " was checked"));
    assertThat(progress.toString(StandardCharsets.UTF_8))
        .contains(
            "spike drill: warning: "
                + unsigned
                + " is unsigned and drilled anyway (--allow-unsigned)");
    assertThat(scratch.launches).isEqualTo(1);
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .as("the private copy is gone")
          .noneMatch(n -> n.startsWith("spike-snapshot-"));
    }
  }

  @Test
  void drill_signedWithAnotherKey_isRefused_evenWithAllowUnsigned() {
    Path snap = system.snapshotSignedByAnotherKey(dir.resolve("s.snap"));
    DrillReport r = drill(snap, shards(1, 2), Duration.ofSeconds(10), true);

    onlyReason(r).contains("hmac: does not match");
    assertThat(scratch.launches).isZero();
  }

  @Test
  void drill_hmacOfAnotherKey_fails_beforeRestoringOrStartingNexus() {
    Path snap = system.snapshotSignedByAnotherKey(dir.resolve("s.snap"));

    DrillReport r = drill(snap, 1, 2);

    onlyReason(r)
        .startsWith("snapshot signed by this system's root key: hmac:" + " does not match");
    assertThat(r.threshold()).contains(2);
    assertThat(scratch.launches).isZero();
    assertThat(progress.toString(StandardCharsets.UTF_8)).doesNotContain("restoring");
  }

  @Test
  void drill_nexusRefusesAShard_fails_withItsLog() {
    server.on(Routes.OPERATOR_RESTORE, "", 400, "{\"err\":\"api_bad_request\",\"message\":\"no\"}");
    Path snap = system.snapshotIn(dir);

    DrillReport r = drill(snap, 1, 2);

    onlyReason(r)
        .startsWith(
            "scratch Nexus unseals with the shards: Nexus refused shard 1: api_bad_request");
    assertThat(r.nexusLog()).contains("WARN restore: shard 2 is wrong");
    assertThat(r.rtoSeconds()).isEmpty();
    assertThat(scratch.closed).isTrue();
    assertThat(scratch.work).doesNotExist();
  }

  @Test
  void drill_nexusExits_fails() {
    scratch.alive.set(false);
    Path snap = system.snapshotIn(dir);

    DrillReport r = drill(snap, 1, 2);

    onlyReason(r)
        .contains("the scratch Nexus exited before it took shard 1")
        .contains("last log line: WARN restore: shard 2 is wrong");
  }

  @Test
  void drill_neverReady_failsAfterTheTimeout() {
    scratch.neverReady.set(true);
    Path snap = system.snapshotIn(dir);

    DrillReport r = drill(snap, shards(1, 2), Duration.ofMillis(600), false);

    onlyReason(r).startsWith("scratch Nexus ready: /readyz did not answer 200");
  }

  @Test
  void drill_countMismatch_fails() {
    server.on(Routes.POLICY, Routes.ACTION_LIST, 200, "{\"policies\":[]}");
    Path snap = system.snapshotIn(dir);

    DrillReport r = drill(snap, 1, 2);

    assertThat(r.verdict()).isEqualTo("FAIL");
    assertThat(r.reasons()).containsExactly("policy count: 0 read, the snapshot holds 1");
  }

  /**
   * The fixture's snapshot, then policy "web" put again twice (changes 5 and 6: the counts stay),
   * shipped; drilled with {@code --changes} and {@code more} options, the drill's clock 42 s after
   * the last change.
   */
  private DrillReport drillWithChanges(String... more) {
    ShippedLog log =
        ShippedLog.build(
            system,
            dir.resolve("log"),
            store -> {
              for (int i = 0; i < 2; i++) {
                ShippedLog.tick();
                store.putPolicy(new PolicyRecord("web", new byte[] {(byte) i}));
              }
            });
    lastChange = log.changes().get(log.changes().size() - 1);
    damage.accept(log);
    ChangeLogOptions options = new ChangeLogOptions();
    new CommandLine(options)
        .parseArgs(Cli.args(List.of("--changes", log.target().toString()), more));
    List<Shard> shards = RecoveryShards.fromDir(log.shards());
    try {
      return new Drill(
              scratch,
              Clock.fixed(lastChange.at().plusSeconds(42), ZoneOffset.UTC),
              Duration.ofSeconds(10),
              new PrintStream(progress, true, StandardCharsets.UTF_8),
              dir)
          .run(
              log.snapshot(),
              shards,
              false,
              Optional.of(header -> options.prepare(log.snapshot(), header, log.shards())));
    } finally {
      shards.forEach(Shard::destroy);
    }
  }

  private Change lastChange;
  private Consumer<ShippedLog> damage = log -> {};

  @Test
  void drill_withChanges_replaysTheLog_andTheRpoIsTheAgeOfTheLastReplayedChange() {
    DrillReport r = drillWithChanges();

    assertThat(r.verdict()).as(r.reasons().toString()).isEqualTo("PASS");
    assertThat(r.checks())
        .extracting(DrillReport.Check::name)
        .contains("change log verified", "change log replayed");
    assertThat(r.changes())
        .contains(new ChangeLogOptions.Point(2, lastChange.seq(), lastChange.at()));
    assertThat(r.rpoSeconds()).contains(42L);
    assertThat(DrillCommand.summary(r, ReportFiles.of(Optional.empty())))
        .contains("RPO 42 s (age of the last replayed change)")
        .contains("replayed 2 changes, up to change " + lastChange.seq());
  }

  @Test
  void drill_withChangesUntilChange_stopsThere() {
    DrillReport r = drillWithChanges("--until-change", "5");

    assertThat(r.verdict()).as(r.reasons().toString()).isEqualTo("PASS");
    assertThat(r.changes()).get().extracting(ChangeLogOptions.Point::lastSeq).isEqualTo(5L);
  }

  @Test
  void drill_withADamagedSegment_failsBeforeAnythingStarts_namingIt() {
    String[] damaged = new String[1];
    damage =
        log -> {
          damaged[0] = log.segment(5, 6);
          log.damage(damaged[0]);
        };

    DrillReport r = drillWithChanges();

    onlyReason(r).startsWith("change log verified: ").contains(damaged[0]);
    assertThat(scratch.launches).isZero();
  }
}
