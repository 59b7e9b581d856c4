package io.spike.pilot.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.api.wire.StatusResponse;
import io.spike.pilot.cli.NexusConnector;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import io.spike.pilot.testing.TestStatus;
import io.spike.store.target.BackupTarget;
import io.spike.store.target.BackupTargets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditVerifyTest {
  @TempDir Path dir;

  /** Lines as Nexus writes them (FileAuditLog's format), chained from the genesis hash. */
  static List<String> log(int n) throws Exception {
    List<String> lines = new ArrayList<>();
    String prev = "0".repeat(64);
    for (int i = 1; i <= n; i++) {
      String line =
          "{\"time\":\"2026-01-01T00:00:0"
              + (i % 10)
              + "Z\",\"requestId\":\"r"
              + i
              + "\",\"caller\":\"spiffe://spike.ist/spike/pilot/role/superuser\",\"route\":\"/v1/store/secrets\","
              + "\"action\":\"get\",\"path\":\"apps/"
              + i
              + "\",\"decision\":\"allow\",\"status\":200,\"prev\":\""
              + prev
              + "\"}";
      lines.add(line);
      prev = hash(line);
    }
    return lines;
  }

  static String hash(String line) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8)));
  }

  private Path write(List<String> lines) throws Exception {
    Path file = Files.createTempFile(dir, "audit", ".log");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  /**
   * A log written by a real Nexus (FileAuditLogTest's end-to-end run, 11 lines, across a restart).
   */
  private static List<String> realLog() throws Exception {
    try (var in = AuditVerifyTest.class.getResourceAsStream("/audit/nexus-audit.jsonl")) {
      return new ArrayList<>(
          List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
    }
  }

  /** {@code spike audit verify FILE more...} on {@code lines} written to a file. */
  private Cli.Result verify(NexusConnector nexus, List<String> lines, String... more)
      throws Exception {
    return Cli.run(nexus, Cli.args(List.of("audit", "verify", write(lines)), more));
  }

  /** Verifies {@code lines} offline, which must exit 1: its stderr. */
  private String failure(List<String> lines) throws Exception {
    Cli.Result r = verify(Cli.NO_NETWORK, lines);
    assertThat(r.code()).as(r.out()).isEqualTo(1);
    return r.err();
  }

  /**
   * Verifies {@code lines} with {@code --against-nexus}, Nexus's status recording an audit log of
   * {@code anchorLines} lines ending in {@code anchorHash}.
   */
  private Cli.Result againstNexus(List<String> lines, long anchorLines, String anchorHash)
      throws Exception {
    try (FakeServer nexus = new FakeServer()) {
      nexus.on(Routes.SYS_STATUS, "", 200, FakeServer.json(status(anchorLines, anchorHash)));
      return verify(nexus.connector(), lines, "--against-nexus");
    }
  }

  @Test
  void verify_realNexusLog_exit0_andEditedRemovedReorderedCopiesFail() throws Exception {
    List<String> real = realLog();
    assertThat(verify(Cli.NO_NETWORK, real).out())
        .isEqualTo(real.size() + " lines, chain intact\n");

    List<String> edited = new ArrayList<>(real);
    edited.set(4, edited.get(4).replace("\"status\":", "\"status\": "));
    List<String> removed = new ArrayList<>(real);
    removed.remove(4);
    List<String> reordered = new ArrayList<>(real);
    Collections.swap(reordered, 4, 5);

    assertThat(failure(edited)).contains("line 6: hash chain broken");
    assertThat(failure(removed)).contains("line 5: hash chain broken");
    assertThat(failure(reordered)).contains("line 5: hash chain broken");
  }

  @Test
  void verify_intactLog_exit0() throws Exception {
    Cli.Result r = verify(Cli.NO_NETWORK, log(20));

    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("20 lines, chain intact\n");
  }

  @Test
  void verify_editedLine_namesTheLineWhoseChainBreaks() throws Exception {
    List<String> lines = log(20);
    lines.set(16, lines.get(16).replace("apps/17", "apps/XX"));

    assertThat(failure(lines))
        .contains("line 18: hash chain broken (edited, removed or reordered)")
        .contains("does not match line 17");
  }

  @Test
  void verify_removedLine_exit1NamingIt() throws Exception {
    List<String> lines = log(20);
    lines.remove(16);

    assertThat(failure(lines))
        .contains("line 17: hash chain broken (edited, removed or reordered)");
  }

  @Test
  void verify_reorderedLines_exit1NamingTheFirst() throws Exception {
    List<String> lines = log(20);
    Collections.swap(lines, 16, 17);

    assertThat(failure(lines)).contains("line 17: hash chain broken");
  }

  @Test
  void verify_malformedLine_exit1NamingIt() throws Exception {
    List<String> lines = log(5);
    lines.set(2, "{not json");

    assertThat(failure(lines)).contains("line 3: not an audit line");
  }

  @Test
  void againstNexus_fileReachesAnchor_exit0() throws Exception {
    List<String> lines = log(20);

    Cli.Result r = againstNexus(lines, 18, hash(lines.get(17)));

    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("20 lines, chain intact; reaches the Nexus anchor (18 lines)");
  }

  @Test
  void againstNexus_logCutShort_exit1() throws Exception {
    List<String> lines = log(20);
    String anchorHash = hash(lines.get(19));

    Cli.Result r = againstNexus(lines.subList(0, 15), 20, anchorHash);

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains(
            "log cut short: Nexus recorded 20 lines ending in " + anchorHash + ", the file has 15");
  }

  @Test
  void againstNexus_lastLineReplaced_isCutShort() throws Exception {
    List<String> lines = log(20);
    String anchorHash = hash(lines.get(19));
    lines.set(19, lines.get(19).replace("apps/20", "apps/ZZ"));

    Cli.Result r = againstNexus(lines, 20, anchorHash);

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("log cut short");
  }

  /** Log {@code a} shipped (6 lines, three segments), and a new file continuing it. */
  private record Restored(BackupTarget target, List<String> shipped, List<String> file) {}

  private Restored restored() throws Exception {
    BackupTarget target = BackupTargets.open(dir.resolve("target").toString());
    List<String> shipped = ShippedLogs.lines("a", 6, AuditChain.GENESIS);
    ShippedLogs.ship(target, "a", 1, shipped, 2);
    return new Restored(target, shipped, ShippedLogs.continuing("a", 6, hash(shipped.get(5)), 3));
  }

  private Cli.Result shipped(Restored r, List<String> file, String... more) throws Exception {
    return verify(
        Cli.NO_NETWORK, file, Cli.args(List.of("--shipped", dir.resolve("target")), more));
  }

  @Test
  void shipped_chainFromTheSegmentsThroughTheNewFile_isAccepted() throws Exception {
    Restored r = restored();

    Cli.Result result = shipped(r, r.file());

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "audit/a/: 3 segments, 6 lines, chain intact\n"
                + "4 lines, chain intact; continues audit/a/ after line 6\n");
  }

  /**
   * The restored Nexus ships its new lines on under the same log: the file must still hold them.
   */
  @Test
  void shipped_eachFileShippedUnderTheSameLog_isAccepted_andAFileCutShortIsRefused()
      throws Exception {
    Restored r = restored();
    ShippedLogs.ship(r.target(), "a", 7, r.file().subList(0, 3), 3);

    assertThat(shipped(r, r.file()).code()).isZero();
    // The file before the restore (its last line never shipped) still holds shipped lines 1..6.
    assertThat(shipped(r, ShippedLogs.lines("a", 7, AuditChain.GENESIS)).out())
        .endsWith("\n7 lines, chain intact\n");
    assertThat(failureOf(shipped(r, r.shipped().subList(0, 5))))
        .contains("its line 6 (shipped line 6) is missing or differs");
    assertThat(failureOf(shipped(r, r.file().subList(0, 2))))
        .contains(
            "the file does not hold the lines shipped to audit/a/: its line 3 (shipped line 9)");
  }

  @Test
  void shipped_withoutAFile_checksTheShippedLogAlone_andWithoutShippedTheFileNamesItsLink()
      throws Exception {
    Restored r = restored();
    Cli.Result alone =
        Cli.run(Cli.NO_NETWORK, "audit", "verify", "--shipped", r.target().describe());
    assertThat(alone.out()).isEqualTo("audit/a/: 3 segments, 6 lines, chain intact\n");

    assertThat(verify(Cli.NO_NETWORK, r.file()).out())
        .isEqualTo(
            "4 lines, chain intact; continues audit/a/ after line 6 (check it with --shipped)\n");
  }

  @Test
  void shipped_fileLinkingToAnotherHash_orADamagedSegment_isRefusedNamingIt() throws Exception {
    Restored r = restored();
    List<String> wrongLink = ShippedLogs.continuing("a", 6, hash(r.shipped().get(4)), 1);
    assertThat(failureOf(shipped(r, wrongLink)))
        .contains("starts with a continued line that follows line 6 of audit/a/ with hash");

    String second = ShippedLogs.segment("a", 3, 4);
    r.target()
        .put(
            second,
            (r.shipped().get(3) + "\n" + r.shipped().get(2) + "\n")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(failureOf(shipped(r, r.file())))
        .startsWith("spike: " + second + ": line 3: hash chain broken");
  }

  @Test
  void shipped_severalLogs_needsLog_andLogPicksOne() throws Exception {
    Restored r = restored();
    ShippedLogs.ship(r.target(), "b", 1, ShippedLogs.lines("b", 2, AuditChain.GENESIS), 2);
    String target = r.target().describe();

    Cli.Result ambiguous = Cli.run(Cli.NO_NETWORK, "audit", "verify", "--shipped", target);
    assertThat(ambiguous.code()).isEqualTo(2);
    assertThat(ambiguous.err())
        .contains("holds several shipped audit logs (a, b): name one with --log");
    assertThat(Cli.run(Cli.NO_NETWORK, "audit", "verify", "--shipped", target, "--log", "b").out())
        .isEqualTo("audit/b/: 1 segment, 2 lines, chain intact\n");
    // The file names the log it continues.
    assertThat(shipped(r, r.file()).code()).isZero();
  }

  private static String failureOf(Cli.Result r) {
    assertThat(r.code()).as(r.out()).isEqualTo(1);
    return r.err();
  }

  private static StatusResponse status(long lines, String hash) {
    return TestStatus.of(
        "unsealed",
        true,
        new StatusResponse.Restore(0, 2),
        Optional.of(new StatusResponse.Audit(lines, hash)));
  }
}
