package io.spike.pilot.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spike.api.Json;
import io.spike.api.Routes;
import io.spike.api.wire.SnapshotVerifyResponse;
import io.spike.pilot.cli.NexusConnector;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import io.spike.pilot.testing.SnapshotFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotVerifyTest {
  @TempDir Path dir;

  private final SnapshotFixture system = new SnapshotFixture(3, 2);

  /** {@code spike snapshot verify snap more...}. */
  private static Cli.Result verify(NexusConnector nexus, Path snap, String... more) {
    return Cli.run(nexus, Cli.args(List.of("snapshot", "verify", snap), more));
  }

  /** {@code spike snapshot verify snap more... --shards shards}, offline. */
  private static Cli.Result verifyOffline(Path snap, Path shards, String... more) {
    return verify(Cli.NO_NETWORK, snap, Cli.args(List.of(more), "--shards", shards.toString()));
  }

  /** As {@link #verifyOffline}, which must exit 1. */
  private static Cli.Result failsOffline(Path snap, Path shards) {
    Cli.Result r = verifyOffline(snap, shards);
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
    return r;
  }

  /**
   * The report of a failed verify of {@code snap} ends FAILED, and its one stderr line is {@code
   * spike: snapshot <snap>} then {@code rest}.
   */
  private static void assertFailedReport(Cli.Result r, Path snap, String rest) {
    assertThat(r.out()).endsWith("FAILED\n");
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).startsWith("spike: snapshot " + snap + rest);
  }

  /** Verifies {@code snap} by {@code nexus} (closed after), which must exit 1. */
  private static Cli.Result failsByNexus(FakeServer nexus, Path snap, String... more) {
    try (nexus) {
      Cli.Result r = verify(nexus.connector(), snap, more);
      assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
      return r;
    }
  }

  /** This system's shards {@code ids}, in shards/. */
  private Path shards(int... ids) {
    return system.writeShards(dir.resolve("shards"), ids);
  }

  @Test
  void verify_withTheShards_decryptsEverything_andFindsTheThreshold() {
    Path snap = system.snapshotIn(dir);
    Path shards = shards(1, 2, 3);

    Cli.Result r = verifyOffline(snap, shards);

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "verified:  offline; root key rebuilt from shards 1, 2 (threshold 2)\n",
            "signed:    yes, HMAC matches\n",
            "decrypted: 2 of 2 secrets, 3 of 3 versions, 1 of 1 policies\n")
        .endsWith("ok\n")
        .doesNotContain(SnapshotFixture.VALUE);
  }

  @Test
  void verify_withThresholdShardsAndAForeignOne_stillPasses() {
    Path snap = system.snapshotIn(dir);
    Path shards = shards(2, 3);
    new SnapshotFixture(3, 2).writeShards(shards.resolve("other"), 1);
    copy(
        shards.resolve("other").resolve("spike.recovery.1.txt"),
        shards.resolve("spike.recovery.1.txt"));

    Cli.Result r = verifyOffline(snap, shards, "-f", "json");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"shardIds\" : [ 2, 3 ]");
  }

  @Test
  void verify_withAnotherSystemsShards_exits1() {
    Path snap = system.snapshotIn(dir);
    Path shards = new SnapshotFixture(3, 2).writeShards(dir.resolve("shards"), 1, 2, 3);

    Cli.Result r = failsOffline(snap, shards);

    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith("spike: the shards do not open this snapshot: no set of the 3 shard(s) in ");
  }

  @Test
  void verify_withTooFewShards_exits1() {
    Path snap = system.snapshotIn(dir);

    Cli.Result r = failsOffline(snap, shards(3));

    assertThat(r.err()).contains("the shards do not open this snapshot");
  }

  @Test
  void verify_malformedShardFile_exits2_withoutEchoingIt() throws Exception {
    Path snap = system.snapshotIn(dir);
    Path shards = shards(1);
    Files.writeString(shards.resolve("spike.recovery.2.txt"), "spike:2:nothex-secretish\n");

    Cli.Result r = verifyOffline(snap, shards);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("spike.recovery.2.txt is not a recovery shard")
        .doesNotContain("nothex-secretish");
  }

  @Test
  void verify_emptyShardDir_exits2() throws Exception {
    Path snap = system.snapshotIn(dir);

    Cli.Result r = verifyOffline(snap, Files.createDirectories(dir.resolve("empty")));

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no recovery shard files");
  }

  @Test
  void verify_recordThatDoesNotDecryptWhereItSits_exits1_namingIt() {
    Path snap = system.snapshotWithMisplacedPolicy(dir.resolve("s.snap"));

    Cli.Result r = failsOffline(snap, shards(1, 2));

    assertThat(r.out())
        .contains(
            "  - policy|web: does not decrypt\n",
            "  - policies: 0 decrypted, the header counts 1\n");
    assertFailedReport(
        r,
        snap,
        " failed verification: policy|web: does not decrypt"
            + " (1 more problem listed above); use an older snapshot");
  }

  @Test
  void verify_hmacOfAnotherKey_exits1() {
    Path snap = system.snapshotSignedByAnotherKey(dir.resolve("s.snap"));

    Cli.Result r = failsOffline(snap, shards(1, 2));

    assertThat(r.out()).contains("signed:    yes, but the HMAC does not match\n");
    assertThat(r.err()).contains("failed verification: hmac: does not match");
  }

  @Test
  void verify_damaged_exits1_beforeReadingShards() {
    Path snap = system.snapshotIn(dir);
    SnapshotFixture.flipByteIn(snap, "secrets");

    Cli.Result r = failsOffline(snap, dir.resolve("missing"));

    assertThat(r.err()).startsWith("spike: snapshot " + snap + " is damaged in section secrets (");
  }

  @Test
  void verify_unsignedOfflineSnapshot_isNotVerified_exits1_thoughEveryRecordDecrypts() {
    Path db = system.sqliteStore(dir.resolve("data").resolve("spike.db"));
    Path snap = dir.resolve("offline.snap");
    assertThat(
            Cli.run(
                    Cli.NO_NETWORK,
                    "snapshot",
                    "save",
                    "--store",
                    "sqlite:" + db,
                    "-o",
                    snap.toString())
                .code())
        .isZero();

    Cli.Result r = failsOffline(snap, shards(1, 3));

    assertThat(r.out())
        .contains("signed:    no: nothing proves who wrote it (restore needs --allow-unsigned)\n")
        .contains("shards 1, 3 (threshold 2)")
        .contains("decrypted: 2 of 2 secrets, 3 of 3 versions, 1 of 1 policies\n");
    assertFailedReport(
        r,
        snap,
        " is NOT verified: unsigned: nothing proves who wrote"
            + " it; records could have been spliced in");
  }

  @Test
  void verify_splicedUnsigned_withShards_isNotVerified() {
    Path forged = system.forgedUnsigned(dir, store -> store.deletePolicy("web"));

    Cli.Result r = failsOffline(forged, shards(1, 2));

    assertThat(r.err()).contains("is NOT verified: unsigned");
  }

  @Test
  void verify_unsigned_byNexus_isNotVerified() throws Exception {
    Path snap = system.unsignedSnapshot(dir.resolve("u.snap"));
    Cli.Result r =
        failsByNexus(
            FakeServer.verifying(
                false,
                false,
                "unsigned: nothing proves who wrote it; records could have been spliced in"),
            snap);

    assertThat(r.err()).contains("is NOT verified: unsigned: nothing proves who wrote it");
  }

  @Test
  void verify_unsigned_byANexusThatStillCallsItOk_isNotVerified() throws Exception {
    Path snap = system.unsignedSnapshot(dir.resolve("u.snap"));
    Cli.Result r = failsByNexus(FakeServer.verifying(true, false), snap, "-f", "json");

    JsonNode json = Json.mapper().readTree(r.out());
    assertThat(json.get("ok").asBoolean()).isFalse();
    assertThat(json.get("problems").get(0).asText())
        .startsWith("unsigned: nothing proves who wrote it");
    assertThat(r.err()).contains("is NOT verified: unsigned");
  }

  @Test
  void verify_withoutShards_uploadsToNexus_andPrintsItsReport() throws Exception {
    Path snap = system.snapshotIn(dir);
    try (FakeServer nexus = FakeServer.verifying(true, true)) {

      Cli.Result r = verify(nexus.connector(), snap);

      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out())
          .contains("verified:  by Nexus at ", "decrypted: 2 of 2 secrets, 3 of 3 versions")
          .endsWith("ok\n");
      assertThat(nexus.requests()).hasSize(1);
      assertThat(nexus.requests().get(0).path()).isEqualTo(Routes.OPERATOR_SNAPSHOT);
      assertThat(nexus.requests().get(0).action()).isEqualTo("verify");
      assertThat(nexus.requests().get(0).body()).startsWith("SPIKESNP");
    }
  }

  @Test
  void verify_withoutShards_nexusSaysBad_exits1() throws Exception {
    Path snap = system.snapshotIn(dir);
    Cli.Result r =
        failsByNexus(
            FakeServer.verifying(
                new SnapshotVerifyResponse(
                    false, true, 2, 3, 0, List.of("policy|web: does not decrypt"))),
            snap,
            "-f",
            "json");

    JsonNode json = Json.mapper().readTree(r.out());
    assertThat(json.get("verifiedBy").asText()).isEqualTo("nexus");
    assertThat(json.get("ok").asBoolean()).isFalse();
    assertThat(r.err()).contains("failed verification: policy|web: does not decrypt");
  }

  @Test
  void verify_withoutShards_notSuperuser_namesTheIdentity() throws Exception {
    Path snap = system.snapshotIn(dir);
    Cli.Result r =
        failsByNexus(FakeServer.verifying(401, "{\"err\":\"access_unauthorized\"}"), snap);

    assertThat(r.err()).contains("this needs the pilot superuser identity");
  }

  private static void copy(Path from, Path to) {
    try {
      Files.copy(from, to);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
