package io.spike.pilot.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import io.spike.pilot.testing.TestShards;
import io.spike.testkit.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorVerifyShardTest {
  private static final String FINGERPRINT = "3f2a-91c0-0000-ffff-1234-5678-9abc-def0";

  @TempDir Path tmp;

  private final TestShards shards = new TestShards();

  /** A fake Nexus that calls shard ids in {@code invalid} not valid and every other one valid. */
  private static FakeServer nexus(int... invalid) throws Exception {
    return new FakeServer()
        .on(
            Routes.OPERATOR_VERIFY_SHARD,
            "",
            body -> {
              int id = Integer.parseInt(body.replaceAll("^\\{\"id\":(\\d+),.*$", "$1"));
              boolean valid = java.util.Arrays.stream(invalid).noneMatch(i -> i == id);
              return new FakeServer.Answer(
                  200,
                  "{\"id\":"
                      + id
                      + ",\"valid\":"
                      + valid
                      + ",\"fingerprint\":\""
                      + FINGERPRINT
                      + "\",\"threshold\":2,\"shares\":3}");
            });
  }

  private Path file(int id) throws Exception {
    return Files.writeString(tmp.resolve("spike.recovery." + id + ".txt"), shards.text(id) + "\n");
  }

  @Test
  void files_allValid_oneLineEach_exit0_andNoShardIsPrinted() throws Exception {
    try (LogCapture logs = LogCapture.everything();
        FakeServer nexus = nexus()) {
      Path one = file(1);
      Path two = file(2);
      Cli.Result r =
          Cli.run(
              nexus.connector(),
              "operator",
              "verify-shard",
              "--file",
              one.toString(),
              "--file",
              two.toString());

      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out())
          .isEqualTo(
              one
                  + ": shard 1 is valid for this system (commitments "
                  + FINGERPRINT
                  + ")\n"
                  + two
                  + ": shard 2 is valid for this system (commitments "
                  + FINGERPRINT
                  + ")\n");
      assertThat(nexus.requests())
          .extracting(FakeServer.Request::body)
          .containsExactly(
              "{\"id\":1,\"shard\":" + shards.wireInts(1) + "}",
              "{\"id\":2,\"shard\":" + shards.wireInts(2) + "}");
      for (int id = 1; id <= 2; id++) {
        assertThat(r.out() + r.err() + logs.text()).doesNotContain(shards.hex(id));
      }
    }
  }

  @Test
  void oneInvalid_saysNot_andExits1() throws Exception {
    try (FakeServer nexus = nexus(2)) {
      Cli.Result r =
          Cli.piped(
              nexus.connector(),
              shards.text(1) + "\n" + shards.text(2) + "\n",
              "operator",
              "verify-shard");

      assertThat(r.code()).isEqualTo(1);
      assertThat(r.out())
          .isEqualTo(
              "stdin: shard 1 is valid for this system (commitments "
                  + FINGERPRINT
                  + ")\nstdin: shard 2 is NOT valid for this system\n");
      assertThat(r.err()).contains("1 of 2 recovery shard(s) are NOT valid for this system");
    }
  }

  @Test
  void malformedInput_orNone_isBadUsage_andNothingIsSent() throws Exception {
    try (FakeServer nexus = nexus()) {
      assertThat(Cli.piped(nexus.connector(), "spike:1:xyz\n", "operator", "verify-shard").code())
          .isEqualTo(2);
      assertThat(Cli.piped(nexus.connector(), "\n", "operator", "verify-shard").code())
          .isEqualTo(2);
      assertThat(nexus.requests()).isEmpty();
    }
  }

  @Test
  void noCommitmentsStored_409_isExplained() throws Exception {
    try (FakeServer nexus =
        new FakeServer()
            .on(Routes.OPERATOR_VERIFY_SHARD, "", 409, "{\"err\":\"state_conflict\"}")) {
      Cli.Result r =
          Cli.run(nexus.connector(), "operator", "verify-shard", "--file", file(1).toString());

      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).contains("Nexus stores no shard commitments yet");
    }
  }
}
