package io.spike.pilot.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.store.target.BackupTarget;
import io.spike.store.target.BackupTargets;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippedAuditTest {
  @TempDir Path dir;
  private BackupTarget target;
  private List<String> lines;
  private List<String> segments;

  /** Log {@code a}: 6 lines in three segments of two. */
  @BeforeEach
  void setUp() throws Exception {
    target = BackupTargets.open(dir.toString());
    lines = ShippedLogs.lines("a", 6, AuditChain.GENESIS);
    segments = ShippedLogs.ship(target, "a", 1, lines, 2);
  }

  @Test
  void check_intactSegments_oneChain_withTheWatchedLinesHashes() throws Exception {
    List<ShippedAudit.Log> logs = ShippedAudit.check(target, "a", Set.of(3L));

    assertThat(logs).hasSize(1);
    ShippedAudit.Log log = logs.get(0);
    assertThat(log.segments()).isEqualTo(3);
    assertThat(log.lines()).isEqualTo(6);
    assertThat(log.lastHash()).isEqualTo(AuditVerifyTest.hash(lines.get(5)));
    assertThat(log.walk().hashAt(3)).contains(AuditVerifyTest.hash(lines.get(2)));
    assertThat(ShippedAudit.logs(target)).containsExactly("a");
  }

  /** Every single-byte change of the middle segment is refused, naming that segment. */
  @Test
  void check_everyFlippedByteOfASegment_isRefusedNamingIt() throws Exception {
    byte[] original = read(segments.get(1));
    for (int i = 0; i < original.length; i++) {
      byte[] flipped = original.clone();
      flipped[i] ^= 0x01;
      target.put(segments.get(1), flipped);
      assertThatThrownBy(() -> ShippedAudit.check(target, "a", Set.of()))
          .as("byte %d", i)
          .isInstanceOf(ShippedAudit.Broken.class)
          .hasMessageContaining(segments.get(1));
    }
  }

  @Test
  void check_missingSegment_isRefusedNamingTheLinesAndTheSegmentAfterThem() throws Exception {
    target.delete(segments.get(1));
    assertThatThrownBy(() -> ShippedAudit.check(target, "a", Set.of()))
        .hasMessage(
            "lines 3..4 are missing: no segment holds them (a segment before "
                + segments.get(2)
                + " is missing)");

    target.delete(segments.get(0));
    assertThatThrownBy(() -> ShippedAudit.check(target, "a", Set.of()))
        .hasMessageStartingWith("lines 1..4 are missing");
  }

  @Test
  void check_reorderedSegments_isRefusedNamingTheFirstOutOfPlace() throws Exception {
    byte[] second = read(segments.get(1));
    target.put(segments.get(1), read(segments.get(2)));
    target.put(segments.get(2), second);

    assertThatThrownBy(() -> ShippedAudit.check(target, "a", Set.of()))
        .hasMessageStartingWith(segments.get(1) + ": line 3: hash chain broken")
        .hasMessageEndingWith("(the last line of " + segments.get(0) + ")");
  }

  @Test
  void check_segmentCutOrOverlapping_isRefusedNamingIt() throws Exception {
    target.put(
        segments.get(2), (lines.get(4) + "\n").getBytes(StandardCharsets.UTF_8)); // line 6 cut
    assertThatThrownBy(() -> ShippedAudit.check(target, "a", Set.of()))
        .hasMessage(
            segments.get(2) + ": holds lines 5..5, its name says 5..6 (cut short or lines added)");

    target.put(ShippedLogs.segment("a", 4, 6), new byte[0]);
    assertThatThrownBy(() -> ShippedAudit.check(target, "a", Set.of()))
        .hasMessageContaining(ShippedLogs.segment("a", 4, 6) + " overlaps " + segments.get(1));
  }

  @Test
  void check_aLogThatContinuesAnother_checksBoth_andTheLink() throws Exception {
    String six = AuditVerifyTest.hash(lines.get(5));
    ShippedLogs.ship(target, "b", 1, ShippedLogs.continuing("a", 6, six, 2), 3);

    assertThat(ShippedAudit.check(target, "b", Set.of()))
        .extracting(ShippedAudit.Log::name, ShippedAudit.Log::lines)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", 6L),
            org.assertj.core.groups.Tuple.tuple("b", 3L));

    ShippedLogs.ship(target, "c", 1, ShippedLogs.continuing("a", 5, six, 1), 3);
    assertThatThrownBy(() -> ShippedAudit.check(target, "c", Set.of()))
        .hasMessageContaining(
            "audit/c/ starts with a continued line that follows line 5 of audit/a/");
  }

  @Test
  void check_absentLog_namesTheLogsThereAre() {
    assertThatThrownBy(() -> ShippedAudit.check(target, "zz", Set.of()))
        .hasMessageContaining("holds no shipped audit log audit/zz/ (it holds: a)");
  }

  private byte[] read(String name) throws Exception {
    try (InputStream in = target.open(name).orElseThrow()) {
      return in.readAllBytes();
    }
  }
}
