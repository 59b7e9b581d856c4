package io.spike.pilot.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import io.spike.pilot.testing.TestShards;
import io.spike.testkit.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorRecoverTest {
  @TempDir Path tmp;

  private final TestShards shards = new TestShards();

  /**
   * {@code spike args...} with {@code env}, against a Nexus answering recover by status and body.
   */
  private static FakeServer.Exchange recover(
      int status, String body, Map<String, String> env, String... args) throws Exception {
    return FakeServer.exchange(Routes.OPERATOR_RECOVER, "", status, body, env, args);
  }

  /** {@code spike operator recover --dir dir}, Nexus answering {@code status} and {@code body}. */
  private static FakeServer.Exchange recoverInto(Path dir, int status, String body)
      throws Exception {
    return recover(status, body, Map.of(), "operator", "recover", "--dir", dir.toString());
  }

  /** {@code spike args...} with {@code env}, Nexus handing out the test shards. */
  private Cli.Result recoverShards(Map<String, String> env, String... args) throws Exception {
    return recover(200, shards.recoverJson(), env, args).result();
  }

  /** {@code spike operator recover --dir dir}, Nexus handing out the test shards. */
  private Cli.Result recoverInto(Path dir) throws Exception {
    return recoverShards(Map.of(), "operator", "recover", "--dir", dir.toString());
  }

  private static Path ownerOnly(Path dir) throws Exception {
    return Files.createDirectory(
        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  @Test
  void recover_writesOneOwnerOnlyFilePerShard_withTheExactText() throws Exception {
    Path dir = tmp.resolve("recover");
    FakeServer.Exchange x = recoverInto(dir, 200, shards.recoverJson());
    Cli.Result r = x.result();

    assertThat(r.code()).as(r.err()).isZero();
    for (int id = 1; id <= 3; id++) {
      Path file = dir.resolve("spike.recovery." + id + ".txt");
      assertThat(Files.readString(file)).isEqualTo(shards.text(id) + "\n");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    try (Stream<Path> all = Files.list(dir)) {
      assertThat(all).hasSize(3);
    }
    assertThat(x.sentBody()).isEqualTo("{}");
  }

  @Test
  void recover_printsTheCommitmentsFingerprint_andHowManyShardsAreNeeded() throws Exception {
    Path dir = tmp.resolve("recover");
    String answer =
        shards
            .recoverJson()
            .replace(
                "\"fingerprint\":\"\",\"threshold\":0,\"shares\":0",
                "\"fingerprint\":\"3f2a-91c0-0000-ffff-1234-5678-9abc-def0\",\"threshold\":2,"
                    + "\"shares\":3");
    assertThat(answer).contains("3f2a-91c0");

    Cli.Result r = recoverInto(dir, 200, answer).result();

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "/spike.recovery.3.txt\ncommitments 3f2a-91c0-0000-ffff-1234-5678-9abc-def0: needs 2 of"
                + " 3 shards (check a shard with spike operator verify-shard)\nWARNING:");
  }

  @Test
  void recover_printsWhereAndTheWarning_butNeverTheShards() throws Exception {
    Path dir = tmp.resolve("recover");
    try (LogCapture logs = LogCapture.everything()) {
      Cli.Result r =
          recoverShards(Map.of("SPIKE_DEBUG", "1"), "operator", "recover", "--dir", dir.toString());

      assertThat(r.code()).isZero();
      String d = dir.toAbsolutePath().toString();
      assertThat(r.out())
          .isEqualTo(
              "wrote 3 recovery shard files to "
                  + d
                  + ":\n"
                  + "  "
                  + d
                  + "/spike.recovery.1.txt\n"
                  + "  "
                  + d
                  + "/spike.recovery.2.txt\n"
                  + "  "
                  + d
                  + "/spike.recovery.3.txt\n"
                  + "WARNING: these files can rebuild the root key: encrypt them, move them offline (each to a separate"
                  + " custodian) and erase them here.\n");
      assertThat(r.err()).isEmpty();
      for (int id = 1; id <= 3; id++) {
        assertThat(r.out() + r.err() + logs.text())
            .doesNotContain(shards.hex(id))
            .doesNotContain(shards.text(id));
      }
    }
  }

  @Test
  void recover_deletesEarlierShardFiles_andLeavesOtherFiles() throws Exception {
    Path dir = ownerOnly(tmp.resolve("recover"));
    Files.writeString(dir.resolve("spike.recovery.7.txt"), "old");
    Files.writeString(dir.resolve("spike.recovery.old.txt"), "old");
    Files.writeString(dir.resolve("notes.txt"), "keep me");
    Cli.Result r = recoverInto(dir);

    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("(deleted 2 earlier)");
    assertThat(dir.resolve("spike.recovery.7.txt")).doesNotExist();
    assertThat(dir.resolve("spike.recovery.old.txt")).doesNotExist();
    assertThat(dir.resolve("notes.txt")).hasContent("keep me");
    assertThat(dir.resolve("spike.recovery.1.txt")).exists();
  }

  @Test
  void recover_refused_exits1_namesTheRecoverIdentity_andKeepsEarlierFiles() throws Exception {
    Path dir = ownerOnly(tmp.resolve("recover"));
    Files.writeString(dir.resolve("spike.recovery.1.txt"), "earlier");
    Cli.Result r = recoverInto(dir, 401, "{\"err\":\"access_unauthorized\"}").result();

    assertThat(r.onlyErrLine(1))
        .startsWith("spike: access_unauthorized: Nexus refused to let " + FakeServer.CALLER)
        .contains("/spike/pilot/role/recover")
        .contains("./spike dev env --role recover");
    assertThat(dir.resolve("spike.recovery.1.txt")).hasContent("earlier");
  }

  @Test
  void recover_defaultsToTheEnvironmentsDirectory() throws Exception {
    Path dir = tmp.resolve("from-env");
    Cli.Result r = recoverShards(Map.of(RecoveryDir.ENV, dir.toString()), "operator", "recover");

    assertThat(r.code()).isZero();
    assertThat(dir.resolve("spike.recovery.2.txt")).exists();
  }

  @Test
  void recover_json_listsTheFiles_andWarnsOnStderr() throws Exception {
    Path dir = tmp.resolve("recover");
    Cli.Result r =
        recoverShards(Map.of(), "-f", "json", "operator", "recover", "--dir", dir.toString());

    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("\"directory\" : \"" + dir.toAbsolutePath() + "\"")
        .contains(dir.toAbsolutePath() + "/spike.recovery.3.txt")
        .doesNotContain(shards.hex(3));
    assertThat(r.err()).startsWith("spike: warning: these files can rebuild the root key");
  }

  @Test
  void recover_emptyAnswer_exits1_andWritesNothing() throws Exception {
    Path dir = tmp.resolve("recover");
    Cli.Result r = recoverInto(dir, 200, "{\"shards\":{}}").result();

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("no recovery shards");
    try (Stream<Path> all = Files.list(dir)) {
      assertThat(all).isEmpty();
    }
  }

  @Test
  void recover_intoADirectoryOthersCanRead_warnsOnStderr() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("open"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Cli.Result r = recoverInto(dir);

    assertThat(r.code()).isZero();
    assertThat(r.err())
        .isEqualTo(
            "spike: warning: "
                + dir.toAbsolutePath()
                + " is open to other users; keep"
                + " recovery files in an owner-only directory (chmod 700)\n");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("spike.recovery.1.txt"))))
        .isEqualTo("rw-------");
  }
}
