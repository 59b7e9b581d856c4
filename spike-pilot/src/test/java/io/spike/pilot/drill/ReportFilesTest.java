package io.spike.pilot.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spike.api.Json;
import io.spike.store.snapshot.SnapshotCounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {
  @TempDir Path dir;

  static DrillReport passed() {
    return new DrillReport(
        "/b/s.snap",
        Instant.parse("2026-11-20T13:00:00Z"),
        Instant.parse("2026-11-20T13:00:09Z"),
        Optional.of(Instant.parse("2026-11-20T12:00:00Z")),
        Optional.of(3600L),
        Optional.of(4.25),
        Optional.of(2),
        List.of(1, 2),
        Optional.of(new SnapshotCounts(2, 3, 1, 2)),
        new DrillReport.Found(2, 3, 2, 1),
        List.of(
            new DrillReport.Check("snapshot intact", true, "format 1"),
            new DrillReport.Check("version count", true, "3 | 3")),
        "PASS",
        List.of(),
        List.of(),
        Optional.empty());
  }

  static DrillReport failed() {
    return new DrillReport(
        "/b/s.snap",
        Instant.parse("2026-11-20T13:00:00Z"),
        Instant.parse("2026-11-20T13:00:01Z"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.empty(),
        DrillReport.Found.NONE,
        List.of(new DrillReport.Check("snapshot intact", false, "damaged in section end (x)")),
        "FAIL",
        List.of("snapshot intact: damaged in section end (x)"),
        List.of("log ``` line"),
        Optional.empty());
  }

  @Test
  void of_namesAPairOfFiles() {
    assertThat(ReportFiles.of(Optional.empty()))
        .isEqualTo(new ReportFiles.Pair(Path.of("drill-report.md"), Path.of("drill-report.json")));
    assertThat(ReportFiles.of(Optional.of(Path.of("out/r"))))
        .isEqualTo(new ReportFiles.Pair(Path.of("out/r.md"), Path.of("out/r.json")));
    assertThat(ReportFiles.of(Optional.of(Path.of("out/r.json"))))
        .isEqualTo(new ReportFiles.Pair(Path.of("out/r.md"), Path.of("out/r.json")));
    assertThat(ReportFiles.of(Optional.of(Path.of("r.md"))))
        .isEqualTo(new ReportFiles.Pair(Path.of("r.md"), Path.of("r.json")));
    assertThat(ReportFiles.of(Optional.of(Path.of("r.txt"))))
        .isEqualTo(new ReportFiles.Pair(Path.of("r.txt.md"), Path.of("r.txt.json")));
  }

  @Test
  void markdown_showsVerdictTimesCountsAndChecks_escapingCells() {
    String md = ReportFiles.markdown(passed());

    assertThat(md)
        .startsWith("# SPIKE restore drill: PASS\n")
        .contains(
            "| RPO (snapshot age) | 3600 s |\n",
            "| RTO (launch to ready) | 4.25 s |\n",
            "| Shamir threshold | 2 |\n",
            "| secrets | 2 | 2 |\n",
            "| versions (live and soft-deleted) | 3 | 3 |\n",
            "| live versions read | | 2 |\n",
            "| policies | 1 | 1 |\n",
            "| version count | ok | 3 \\| 3 |\n",
            "## Verdict: PASS\n\nEvery check passed.\n")
        .doesNotContain("Scratch Nexus log");
  }

  @Test
  void markdown_ofAFailure_listsReasons_andTheLog() {
    String md = ReportFiles.markdown(failed());

    assertThat(md)
        .startsWith("# SPIKE restore drill: FAIL\n")
        .contains(
            "| RTO (launch to ready) | not reached |\n",
            "| secrets | unknown | 0 |\n",
            "| snapshot intact | **FAILED** | damaged in section end (x) |\n",
            "- snapshot intact: damaged in section end (x)\n",
            "## Scratch Nexus log (last lines)\n\n```\nlog ''' line\n```\n");
  }

  @Test
  void write_writesBothFiles_jsonReadable() throws Exception {
    ReportFiles.Pair pair = ReportFiles.of(Optional.of(dir.resolve("sub").resolve("drill")));

    ReportFiles.write(passed(), pair);

    assertThat(Files.readString(pair.markdown())).startsWith("# SPIKE restore drill: PASS");
    JsonNode json = Json.mapper().readTree(Files.readString(pair.json()));
    assertThat(json.get("verdict").asText()).isEqualTo("PASS");
    assertThat(json.get("rpoSeconds").asLong()).isEqualTo(3600);
    assertThat(json.get("rtoSeconds").asDouble()).isEqualTo(4.25);
    assertThat(json.get("expected").get("versions").asLong()).isEqualTo(3);
    assertThat(json.get("found").get("liveVersionsRead").asLong()).isEqualTo(2);
    assertThat(json.get("checks").get(1).get("name").asText()).isEqualTo("version count");
    assertThat(json.get("created").asText()).isEqualTo("2026-11-20T12:00:00Z");
    try (var files = Files.list(pair.json().getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("drill.md", "drill.json");
    }
  }
}
