package io.spike.pilot.drill;

import io.spike.pilot.cli.Output;
import io.spike.pilot.cli.OutputFormat;
import io.spike.store.snapshot.SnapshotCounts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Where a drill report goes and how it reads. {@code --report R} names a pair of files: a trailing
 * {@code .md} or {@code .json} is dropped from R, and the report is written to {@code <R>.md}
 * (Markdown, for people) and {@code <R>.json} (for tools); without {@code --report}, to {@code
 * drill-report.md} and {@code drill-report.json} in the working directory. Both hold the same
 * facts; neither holds a secret value.
 */
final class ReportFiles {
  static final String DEFAULT_BASE = "drill-report";

  /** The two files of one report. */
  record Pair(Path markdown, Path json) {}

  private ReportFiles() {}

  static Pair of(Optional<Path> report) {
    Path base = report.orElse(Path.of(DEFAULT_BASE));
    String name = base.getFileName().toString();
    for (String suffix : new String[] {".md", ".json"}) {
      if (name.endsWith(suffix) && name.length() > suffix.length()) {
        name = name.substring(0, name.length() - suffix.length());
        break;
      }
    }
    return new Pair(base.resolveSibling(name + ".md"), base.resolveSibling(name + ".json"));
  }

  /** Writes both files (each atomically: temporary file, then rename). */
  static void write(DrillReport report, Pair pair) throws IOException {
    writeAtomically(pair.markdown(), markdown(report));
    writeAtomically(pair.json(), json(report));
  }

  static String json(DrillReport report) {
    return Output.render(OutputFormat.JSON, report, () -> "");
  }

  static String markdown(DrillReport r) {
    StringBuilder b = new StringBuilder();
    b.append("# SPIKE restore drill: ").append(r.verdict()).append("\n\n");
    b.append("| | |\n|---|---|\n");
    row(b, "snapshot", "`" + r.snapshot() + "`");
    row(b, "snapshot created", r.created().map(Object::toString).orElse("unknown"));
    row(
        b,
        r.changes().isPresent() ? "RPO (age of the last replayed change)" : "RPO (snapshot age)",
        r.rpoSeconds().map(s -> s + " s").orElse("unknown"));
    r.changes().ifPresent(point -> row(b, "Change log", point.human()));
    row(b, "RTO (launch to ready)", r.rtoSeconds().map(s -> s + " s").orElse("not reached"));
    row(b, "Shamir threshold", r.threshold().map(String::valueOf).orElse("unknown"));
    row(b, "shards used", r.shardsUsed().isEmpty() ? "none" : r.shardsUsed().toString());
    row(b, "drill", r.started() + " to " + r.finished());
    b.append("\n## Counts\n\n| records | snapshot header | found |\n|---|---|---|\n");
    Optional<SnapshotCounts> e = r.expected();
    counts(b, "secrets", e.map(SnapshotCounts::secrets), r.found().secrets());
    counts(
        b,
        "versions (live and soft-deleted)",
        e.map(SnapshotCounts::versions),
        r.found().versions());
    b.append("| live versions read | | ").append(r.found().liveVersionsRead()).append(" |\n");
    counts(b, "policies", e.map(SnapshotCounts::policies), r.found().policies());
    b.append("\n## Checks\n\n| check | result | detail |\n|---|---|---|\n");
    r.checks()
        .forEach(
            c ->
                b.append("| ")
                    .append(cell(c.name()))
                    .append(" | ")
                    .append(c.ok() ? "ok" : "**FAILED**")
                    .append(" | ")
                    .append(cell(c.detail()))
                    .append(" |\n"));
    b.append("\n## Verdict: ").append(r.verdict()).append("\n\n");
    if (r.passed()) {
      b.append("Every check passed.\n");
    } else {
      r.reasons().forEach(reason -> b.append("- ").append(reason).append('\n'));
    }
    if (!r.nexusLog().isEmpty()) {
      b.append("\n## Scratch Nexus log (last lines)\n\n```\n");
      r.nexusLog().forEach(line -> b.append(line.replace("```", "'''")).append('\n'));
      b.append("```\n");
    }
    return b.toString();
  }

  private static void row(StringBuilder b, String name, String value) {
    b.append("| ").append(name).append(" | ").append(cell(value)).append(" |\n");
  }

  private static void counts(StringBuilder b, String name, Optional<Long> expected, long found) {
    b.append("| ")
        .append(name)
        .append(" | ")
        .append(expected.map(String::valueOf).orElse("unknown"))
        .append(" | ")
        .append(found)
        .append(" |\n");
  }

  /** Text safe inside a Markdown table cell: no pipes or line breaks. */
  static String cell(String text) {
    return text.replace("\\", "\\\\").replace("|", "\\|").replaceAll("[\\r\\n]+", " ");
  }

  private static void writeAtomically(Path file, String content) throws IOException {
    Path abs = file.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
