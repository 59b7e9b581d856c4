package io.spike.pilot.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spike.api.Json;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.SnapshotFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotInspectTest {
  @TempDir Path dir;

  private Path snap;

  @BeforeEach
  void aSnapshot() {
    snap = new SnapshotFixture().snapshot(dir.resolve("s.snap"));
  }

  @Test
  void inspect_good_exits0_andShowsHeaderCountsAndDigests() {
    Cli.Result r = Cli.run(Cli.NO_NETWORK, "snapshot", "inspect", snap.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains(
            "format:        2\n",
            "created:       2026-11-20T12:00:00Z\n",
            "backend:       sqlite\n",
            "records:       2 secrets, 3 versions, 1 policies, 2 system records\n",
            "keyring terms: 1\n",
            "signed:        yes")
        .endsWith("ok\n");
    for (String section :
        new String[] {"header", "system", "secrets", "versions", "policies", "end", "file"}) {
      assertThat(r.out()).containsPattern("\n  " + section + " +[0-9a-f]{64}\n");
    }
  }

  @Test
  void inspect_unsigned_staysKeyless_exits0_andSaysRestoreNeedsAllowUnsigned() {
    Path unsigned = new SnapshotFixture().unsignedSnapshot(dir.resolve("u.snap"));

    Cli.Result r = Cli.run(Cli.NO_NETWORK, "snapshot", "inspect", unsigned.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("signed:        no (restore needs --allow-unsigned)\n")
        .endsWith("ok\n");
  }

  @Test
  void inspect_json_holdsTheSameData() throws Exception {
    Cli.Result r = Cli.run(Cli.NO_NETWORK, "-f", "json", "snapshot", "inspect", snap.toString());

    assertThat(r.code()).isZero();
    JsonNode json = Json.mapper().readTree(r.out());
    assertThat(json.get("ok").asBoolean()).isTrue();
    assertThat(json.get("formatVersion").asInt()).isEqualTo(2);
    assertThat(json.get("counts").get("versions").asLong()).isEqualTo(3);
    assertThat(json.get("signed").asBoolean()).isTrue();
    assertThat(json.get("sectionDigests").get("versions").asText()).hasSize(64);
    assertThat(json.get("fileDigest").asText()).hasSize(64);
    assertThat(json.has("damagedSection")).isFalse();
  }

  @Test
  void inspect_aChangedByte_exits1_namingTheSection() {
    for (String section : new String[] {"system", "secrets", "versions", "policies"}) {
      Path copy = new SnapshotFixture().snapshot(dir.resolve(section + ".snap"));
      SnapshotFixture.flipByteIn(copy, section);

      Cli.Result r = Cli.run(Cli.NO_NETWORK, "snapshot", "inspect", copy.toString());

      assertThat(r.code()).as(section).isEqualTo(1);
      assertThat(r.out()).isEmpty();
      assertThat(r.errLines()).hasSize(1);
      assertThat(r.err())
          .as(section)
          .startsWith("spike: snapshot " + copy + " is damaged in section " + section + " (")
          .endsWith("); use an older snapshot\n");
    }
  }

  @Test
  void inspect_truncated_exits1_andJsonStillReports() throws Exception {
    SnapshotFixture.truncate(snap, (int) Files.size(snap) - 10);

    Cli.Result human = Cli.run(Cli.NO_NETWORK, "snapshot", "inspect", snap.toString());
    Cli.Result json = Cli.run(Cli.NO_NETWORK, "-f", "json", "snapshot", "inspect", snap.toString());

    assertThat(human.code()).isEqualTo(1);
    assertThat(human.err()).contains("is damaged in section").contains("use an older snapshot");
    assertThat(json.code()).isEqualTo(1);
    JsonNode report = Json.mapper().readTree(json.out());
    assertThat(report.get("ok").asBoolean()).isFalse();
    assertThat(report.get("damagedSection").asText()).isNotEmpty();
    assertThat(report.get("formatVersion").asInt()).isEqualTo(2); // the header still reads
  }

  @Test
  void inspect_missingFile_exits1() {
    Cli.Result r =
        Cli.run(Cli.NO_NETWORK, "snapshot", "inspect", dir.resolve("none.snap").toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("spike: no snapshot file ");
  }

  @Test
  void snapshot_holdsNoSecretValue() throws Exception {
    String bytes = new String(Files.readAllBytes(snap), StandardCharsets.ISO_8859_1);

    assertThat(bytes).doesNotContain(SnapshotFixture.VALUE).doesNotContain("pass");
  }
}
