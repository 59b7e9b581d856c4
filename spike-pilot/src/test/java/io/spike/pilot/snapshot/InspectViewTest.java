package io.spike.pilot.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.pilot.testing.SnapshotFixture;
import io.spike.store.snapshot.InspectReport;
import io.spike.store.snapshot.SnapshotReader;
import java.nio.file.Path;
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
        .startsWith("snapshot:      " + snap + " (123 bytes)\nformat:        1\n")
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
