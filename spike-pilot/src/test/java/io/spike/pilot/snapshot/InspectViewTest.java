package io.spike.pilot.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.pilot.cli.Output;
import io.spike.pilot.cli.OutputFormat;
import io.spike.pilot.testing.SnapshotFixture;
import io.spike.store.ChangeLogPosition;
import io.spike.store.snapshot.InspectReport;
import io.spike.store.snapshot.SnapshotCounts;
import io.spike.store.snapshot.SnapshotHeader;
import io.spike.store.snapshot.SnapshotReader;
import io.spike.store.snapshot.SnapshotRecovery;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectViewTest {
  @TempDir Path dir;

  @Test
  void human_ofAGoodSnapshot_listsHeaderAndDigests_inFileOrder() {
    Path snap = new SnapshotFixture().snapshot(dir.resolve("s.snap"));
    InspectReport report = SnapshotReader.inspect(snap);

    String text = InspectView.of(snap, 123, report).human();

    assertThat(text)
        .startsWith("snapshot:      " + snap + " (123 bytes)\nformat:        2\n")
        .containsSubsequence(
            "  header ",
            "  system ",
            "  secrets ",
            "  versions ",
            "  policies ",
            "  end ",
            "  file ")
        .endsWith("\nok\n");
  }

  /** An ok report whose header has {@code recovery}. */
  private static InspectReport okReport(Optional<SnapshotRecovery> recovery) {
    return okReport(recovery, Optional.empty());
  }

  /** An ok report whose header has {@code recovery} and {@code changeLog}. */
  private static InspectReport okReport(
      Optional<SnapshotRecovery> recovery, Optional<ChangeLogPosition> changeLog) {
    SnapshotHeader header =
        new SnapshotHeader(
            1,
            Instant.EPOCH,
            "sqlite",
            new SnapshotCounts(0, 0, 0, 2),
            List.of(1),
            new byte[0],
            true,
            changeLog,
            recovery);
    return new InspectReport(
        true, Optional.of(header), Map.of(), "", Optional.empty(), Optional.empty());
  }

  @Test
  void changeLogPosition_isShownWhenTheSnapshotHasOne() {
    InspectView view =
        InspectView.of(
            Path.of("f.snap"),
            1,
            okReport(Optional.empty(), Optional.of(new ChangeLogPosition("a1b2", 41))));
    assertThat(view.human())
        .contains("change log:    a1b2 through change 41 (--changes replays from there)\n");
    assertThat(InspectView.of(Path.of("g.snap"), 1, okReport(Optional.empty())).human())
        .doesNotContain("change log:");
  }

  @Test
  void recoveryBlock_isShownInTextAndData_andAbsentWithoutIt() {
    SnapshotRecovery recovery =
        new SnapshotRecovery(2, 3, "3f2a-91c0-0000-ffff-1234-5678-9abc-def0");

    InspectView view = InspectView.of(Path.of("f.snap"), 1, okReport(Optional.of(recovery)));

    assertThat(view.recovery()).contains(recovery);
    assertThat(view.human())
        .contains(
            "recovery:      needs 2 of 3 recovery shards (commitments "
                + "3f2a-91c0-0000-ffff-1234-5678-9abc-def0)\n");
    assertThat(InspectView.of(Path.of("g.snap"), 1, okReport(Optional.empty())).human())
        .doesNotContain("recovery:");
    assertThat(Output.render(OutputFormat.JSON, view, view::human).replaceAll("\\s", ""))
        .contains(
            "\"recovery\":{\"threshold\":2,\"shares\":3,"
                + "\"fingerprint\":\"3f2a-91c0-0000-ffff-1234-5678-9abc-def0\"}");
    assertThat(Output.render(OutputFormat.YAML, view, view::human))
        .contains(
            "threshold: 2", "shares: 3", "fingerprint: 3f2a-91c0-0000-ffff-1234-5678-9abc-def0");
  }

  @Test
  void damage_namesTheSection() {
    InspectReport section =
        new InspectReport(
            false,
            Optional.empty(),
            Map.of(),
            "",
            Optional.of("versions"),
            Optional.of("checksum mismatch"));

    assertThat(InspectView.damage(Path.of("f.snap"), section))
        .isEqualTo("snapshot f.snap is damaged in section versions (checksum mismatch)");
    assertThat(InspectView.of(Path.of("f.snap"), 1, section).human())
        .endsWith("damaged: section versions (checksum" + " mismatch)\n");
  }
}
