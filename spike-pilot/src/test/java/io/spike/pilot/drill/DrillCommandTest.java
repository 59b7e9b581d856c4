package io.spike.pilot.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spike.api.Json;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.SnapshotFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrillCommandTest {
  @TempDir Path dir;

  private final SnapshotFixture system = new SnapshotFixture();

  /** {@code spike drill --snapshot snap --shards shards --report report}, offline. */
  private static Cli.Result drill(Path snap, Path shards, Path report) {
    return Cli.run(Cli.NO_NETWORK, drillArgs(snap, shards, report));
  }

  private static String[] drillArgs(Path snap, Path shards, Path report) {
    return Cli.args(List.of("drill", "--snapshot", snap, "--shards", shards, "--report", report));
  }

  @Test
  void drill_damagedSnapshot_exits1_andTheReportSaysWhy() throws Exception {
    Path snap = system.snapshotIn(dir);
    SnapshotFixture.flipByteIn(snap, "secrets");
    Path report = dir.resolve("r");

    Cli.Result r = drill(snap, system.writeShards(dir.resolve("shards"), 1, 2), report);

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .startsWith("drill FAIL: " + snap + "\n")
        .contains("  RTO not reached, RPO unknown\n")
        .contains("  report: " + report + ".md, " + report + ".json\n");
    assertThat(r.err())
        .startsWith("spike: drill FAILED: snapshot intact: damaged in section secrets (")
        .endsWith("; see " + report + ".md\n");
    assertThat(Files.readString(dir.resolve("r.md")))
        .contains("# SPIKE restore drill: FAIL")
        .contains("damaged in section secrets");
    JsonNode json = Json.mapper().readTree(Files.readString(dir.resolve("r.json")));
    assertThat(json.get("verdict").asText()).isEqualTo("FAIL");
    assertThat(json.get("reasons").get(0).asText())
        .startsWith("snapshot intact: damaged in section secrets");
  }

  @Test
  void drill_wrongShards_exits1_withReport_andJsonOutput() throws Exception {
    Path snap = system.snapshotIn(dir);
    Path report = dir.resolve("out.json");

    Cli.Result r =
        Cli.run(
            Cli.NO_NETWORK,
            Cli.args(
                List.of("-f", "json"),
                drillArgs(
                    snap,
                    new SnapshotFixture().writeShards(dir.resolve("shards"), 1, 2, 3),
                    report)));

    assertThat(r.code()).isEqualTo(1);
    JsonNode out = Json.mapper().readTree(r.out());
    assertThat(out.get("verdict").asText()).isEqualTo("FAIL");
    assertThat(out.get("reasons").get(0).asText()).contains("wrong shards");
    assertThat(out.get("rpoSeconds").asLong()).isPositive();
    assertThat(dir.resolve("out.md")).exists();
    assertThat(dir.resolve("out.json")).exists();
    assertThat(r.err()).contains("drill FAILED: shards open the snapshot: wrong shards");
  }

  @Test
  void drill_unsigned_exits1_sayingWhatToDo() throws Exception {
    Path snap = system.unsignedSnapshot(dir.resolve("u.snap"));
    Path report = dir.resolve("r");

    Cli.Result r = drill(snap, system.writeShards(dir.resolve("shards"), 1, 2), report);

    assertThat(r.onlyErrLine(1))
        .startsWith(
            "spike: drill FAILED: snapshot signed by this system's root key: unsigned: nothing"
                + " proves who wrote it")
        .contains("--allow-unsigned");
    assertThat(Files.readString(dir.resolve("r.md"))).contains("FAIL").contains("unsigned");
  }

  @Test
  void drill_malformedShardFile_exits2_withoutReport() throws Exception {
    Path snap = system.snapshotIn(dir);
    Path shards = Files.createDirectories(dir.resolve("shards"));
    Files.writeString(shards.resolve("spike.recovery.1.txt"), "garbage");

    Cli.Result r = drill(snap, shards, dir.resolve("r"));

    assertThat(r.code()).isEqualTo(2);
  }

  @Test
  void drill_needsSnapshotAndShards() {
    assertThat(Cli.run(Cli.NO_NETWORK, "drill", "--snapshot", "x").code()).isEqualTo(2);
    assertThat(Cli.run(Cli.NO_NETWORK, "drill", "--shards", "x").code()).isEqualTo(2);
  }

  @Test
  void drill_untilChangeWithoutChanges_isAUsageError() {
    Path snap = system.snapshotIn(dir);
    Path shards = system.writeShards(dir.resolve("shards"), 1, 2);

    Cli.Result r =
        Cli.run(
            Cli.NO_NETWORK,
            Cli.args(
                List.of("drill", "--snapshot", snap, "--shards", shards, "--report", dir),
                "--until-change",
                "3"));

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--until-change needs --changes TARGET");
  }
}
