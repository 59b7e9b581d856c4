package io.spike.pilot.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.spike.api.wire.StatusResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditChainTest {
  @TempDir Path dir;

  private static final Pattern NOT_AN_AUDIT_LINE =
      Pattern.compile("line [1-9][0-9]*: not an audit line \\(malformed JSON or no prev\\)");
  private static final Pattern BROKEN =
      Pattern.compile(
          "line [1-9][0-9]*: hash chain broken"
              + " \\(edited, removed or reordered\\): its prev does not match"
              + " (the start of a log|line [1-9][0-9]*)");

  private Path file(byte[] content) throws IOException {
    Path f = dir.resolve("audit.jsonl");
    Files.write(f, content);
    return f;
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** The lines of {@code content} as the chain counts them: split on \n, no empty last line. */
  private static List<byte[]> lines(byte[] content) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= content.length; i++) {
      if (i == content.length || content[i] == '\n') {
        if (i < content.length || i > start) {
          lines.add(Arrays.copyOfRange(content, start, i));
        }
        start = i + 1;
      }
    }
    return lines;
  }

  /** A chained log with one line per payload, each payload a JSON string field. */
  private static List<String> chained(List<byte[]> payloads) {
    List<String> lines = new ArrayList<>();
    String prev = AuditChain.GENESIS;
    for (byte[] payload : payloads) {
      StringBuilder text = new StringBuilder();
      for (byte b : payload) {
        text.append(String.format("\\u%04x", b & 0xff));
      }
      String line = "{\"route\":\"" + text + "\",\"prev\":\"" + prev + "\"}";
      lines.add(line);
      prev = sha256Hex(line.getBytes(StandardCharsets.UTF_8));
    }
    return lines;
  }

  private static byte[] joined(List<String> lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String line : lines) {
      out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }
    return out.toByteArray();
  }

  @Test
  void check_chainedLog_isIntact_andReachesItsAnchor() throws IOException {
    List<String> log = chained(List.of(new byte[] {'a'}, new byte[] {'b'}, new byte[0]));
    Path f = file(joined(log));
    String last = sha256Hex(log.get(2).getBytes(StandardCharsets.UTF_8));

    assertThat(AuditChain.check(f, Optional.empty()))
        .isEqualTo(new AuditChain.Report(3, Optional.empty()));
    assertThat(AuditChain.check(f, Optional.of(new StatusResponse.Audit(3, last))).intact())
        .isTrue();
    assertThat(AuditChain.check(f, Optional.of(new StatusResponse.Audit(4, last))).problem())
        .hasValueSatisfying(p -> assertThat(p).startsWith("log cut short: Nexus recorded 4 lines"));
  }

  @Test
  void check_continuedFirstLine_startsTheChainAtItsPrev_andAnExpectedLineIsChecked()
      throws IOException {
    String shipped = "ab".repeat(32);
    String first =
        "{\"type\":\"continued\",\"fromLog\":\"a\",\"fromLine\":6,\"prev\":\"" + shipped + "\"}";
    String second =
        "{\"route\":\"x\",\"prev\":\"" + sha256Hex(first.getBytes(StandardCharsets.UTF_8)) + "\"}";
    Path f = file(joined(List.of(first, second)));
    String last = sha256Hex(second.getBytes(StandardCharsets.UTF_8));

    assertThat(AuditChain.check(f, Optional.empty()))
        .isEqualTo(
            new AuditChain.Report(
                2, Optional.empty(), Optional.of(new AuditChain.Link("a", 6, shipped))));
    assertThat(
            AuditChain.check(
                    f, Optional.empty(), Optional.of(new AuditChain.Expected(2, last, "differs")))
                .intact())
        .isTrue();
    assertThat(
            AuditChain.check(
                    f,
                    Optional.empty(),
                    Optional.of(new AuditChain.Expected(2, shipped, "differs")))
                .problem())
        .contains("differs");
    // Anywhere but first, a continued line is a line like any other: its prev must chain.
    assertThat(AuditChain.check(file(joined(List.of(second, first))), Optional.empty()).problem())
        .hasValueSatisfying(p -> assertThat(p).matches(BROKEN));
  }

  @Test
  void check_emptyLineOrMissingPrev_isNotAnAuditLine() throws IOException {
    assertThat(AuditChain.check(file("\n".getBytes(StandardCharsets.UTF_8)), Optional.empty()))
        .isEqualTo(
            new AuditChain.Report(
                1, Optional.of("line 1: not an audit line (malformed JSON or no prev)")));
    assertThat(
            AuditChain.check(
                    file("{\"prev\":1}".getBytes(StandardCharsets.UTF_8)), Optional.empty())
                .problem())
        .hasValueSatisfying(p -> assertThat(p).matches(NOT_AN_AUDIT_LINE));
  }

  /** A file without newlines is not read into memory whole: a line over 1 MiB is refused. */
  @Test
  void check_lineLongerThanOneMiB_isRefused_withoutHoldingItAll() throws IOException {
    byte[] huge = new byte[AuditChain.MAX_LINE_BYTES + 10];
    Arrays.fill(huge, (byte) 'x');
    assertThat(AuditChain.check(file(huge), Optional.empty()))
        .isEqualTo(
            new AuditChain.Report(
                1, Optional.of("line 1: longer than 1048576 bytes, not an audit line")));
  }

  /**
   * Fuzz target (regression inputs in AuditChainTestInputs/): any file is checked without an
   * exception; the report counts lines as a plain split on \n does, is intact only when every
   * line's prev chains, and its problem is one of the fixed texts (no word of the file). Then the
   * file's lines are wrapped into a correctly chained log, which must be intact and reach its
   * anchor, and must break at the line after one taken out.
   */
  @FuzzTest(maxDuration = "60s")
  void check_fuzzedFile_reportsLikeTheSpec_andAChainBuiltFromItHolds(byte[] content)
      throws IOException {
    List<byte[]> lines = lines(content);
    AuditChain.Report report = AuditChain.check(file(content), Optional.empty());
    assertThat(report.lines()).isBetween(0L, (long) lines.size());
    if (report.intact()) {
      assertThat(report.lines()).isEqualTo(lines.size());
      // A continued first line starts the chain from the shipped hash it names.
      String prev = report.continues().map(AuditChain.Link::hash).orElse(AuditChain.GENESIS);
      for (byte[] line : lines) {
        String text = new String(line, StandardCharsets.UTF_8);
        assertThat(text).contains("\"prev\"").contains(prev);
        prev = sha256Hex(line);
      }
    } else {
      String problem = report.problem().orElseThrow();
      assertThat(problem).startsWith("line " + report.lines() + ": ");
      assertThat(NOT_AN_AUDIT_LINE.matcher(problem).matches() || BROKEN.matcher(problem).matches())
          .as(problem)
          .isTrue();
    }

    List<String> log = chained(lines);
    Path f = file(joined(log));
    assertThat(AuditChain.check(f, Optional.empty()))
        .isEqualTo(new AuditChain.Report(log.size(), Optional.empty()));
    if (log.isEmpty()) {
      return;
    }
    String last = sha256Hex(log.get(log.size() - 1).getBytes(StandardCharsets.UTF_8));
    assertThat(
            AuditChain.check(f, Optional.of(new StatusResponse.Audit(log.size(), last))).intact())
        .isTrue();
    if (log.size() >= 2) {
      int cut = content.length == 0 ? 0 : (content[0] & 0xff) % (log.size() - 1);
      List<String> removed = new ArrayList<>(log);
      removed.remove(cut);
      assertThat(AuditChain.check(file(joined(removed)), Optional.empty()))
          .isEqualTo(
              new AuditChain.Report(
                  cut + 1,
                  Optional.of(
                      "line "
                          + (cut + 1)
                          + ": hash chain broken (edited, removed or reordered): its prev does not match "
                          + (cut == 0 ? "the start of a log" : "line " + cut))));
    }
  }
}
