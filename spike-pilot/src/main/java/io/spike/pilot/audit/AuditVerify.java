package io.spike.pilot.audit;

import io.spike.api.NexusClient;
import io.spike.api.wire.StatusResponse;
import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.NexusCommand;
import io.spike.pilot.cli.Output;
import io.spike.pilot.cli.UsageException;
import io.spike.store.target.BackupTarget;
import io.spike.store.target.BackupTargets;
import io.spike.store.target.TargetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spike audit verify [F] [--against-nexus] [--shipped TARGET [--log NAME]]}: recomputes the
 * hash chain of the audit log F ({@link AuditChain}). Exit 0 with "N lines, chain intact"; exit 1
 * naming the first bad line (edited, removed, reordered or malformed). With {@code
 * --against-nexus}, also asks Nexus for the anchor it recorded ({@code /v1/sys/status}) and fails
 * if the file does not reach it (cut short). With {@code --shipped}, first checks the log Nexus
 * shipped to that backup target, segment by segment ({@link ShippedAudit}), then the file from
 * where it continues that log (a log started after a restore) or, for the log that was shipped,
 * that the file still holds the shipped lines. Reads only: nothing in a log is secret, and nothing
 * is sent to Nexus or written to the target.
 */
@Command(
    name = "verify",
    description = {
      "Verify an audit log's hash chain; exit 1 naming the first bad line.",
      "With --against-nexus: also check the file reaches the anchor Nexus recorded",
      "(detects a log cut short). With --shipped: first check the audit log Nexus shipped",
      "to a backup target, segment by segment (a gap, a missing, damaged or reordered",
      "segment is named), then the file from the line where it continues that log;",
      "without F, only the shipped log."
    })
final class AuditVerify extends NexusCommand {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "F",
      description = "The audit log file (optional with --shipped).")
  private Path file;

  @Option(
      names = "--against-nexus",
      description = "Compare with the anchor the running Nexus recorded.")
  private boolean againstNexus;

  @Option(
      names = "--shipped",
      paramLabel = "TARGET",
      description =
          "Check the audit log shipped to this backup target (a directory, file:///dir or an"
              + " s3:// URL, as SPIKE_NEXUS_BACKUP_TARGET).")
  private String shipped;

  @Option(
      names = "--log",
      paramLabel = "NAME",
      description =
          "Check the shipped log of this name (its directory under audit/ at the target)."
              + " Default: the log the file continues, else the only one.")
  private String log;

  /** One shipped log checked, for {@code -f json}. */
  record ShippedView(String log, int segments, long lines, Optional<AuditChain.Link> continues) {}

  /** What {@code -f json} prints. */
  record View(
      Optional<String> file,
      Optional<Long> lines,
      boolean intact,
      Optional<StatusResponse.Audit> anchor,
      Optional<AuditChain.Link> continues,
      Optional<List<ShippedView>> shipped) {}

  @Override
  protected void validate() {
    if (file == null && shipped == null) {
      throw new UsageException("give the audit log file F, or --shipped TARGET, or both");
    }
    if (file == null && againstNexus) {
      throw new UsageException("--against-nexus checks a file: give the audit log file F");
    }
    if (log != null && shipped == null) {
      throw new UsageException("--log names a shipped log: give --shipped TARGET too");
    }
    if (file != null && !Files.isRegularFile(file)) {
      throw new CliFailure("cannot read the audit log " + file + ": not a file");
    }
  }

  @Override
  protected boolean needsNexus() {
    return againstNexus;
  }

  @Override
  protected String attempt() {
    return "read the audit anchor";
  }

  @Override
  protected void run(NexusClient nexus, Output out) throws IOException {
    StatusResponse.Audit anchor =
        nexus
            .status()
            .audit()
            .orElseThrow(
                () ->
                    new CliFailure(
                        "Nexus records no audit anchor: is its audit log on (SPIKE_NEXUS_AUDIT_LOG)?"));
    verify(out, Optional.of(anchor));
  }

  @Override
  protected void runOffline(Output out) throws IOException {
    verify(out, Optional.empty());
  }

  private void verify(Output out, Optional<StatusResponse.Audit> anchor) throws IOException {
    Optional<AuditChain.Link> link;
    try {
      link = file == null ? Optional.empty() : AuditChain.firstLink(file);
    } catch (IOException e) {
      throw unreadable(e);
    }
    List<ShippedAudit.Log> logs = List.of();
    Optional<AuditChain.Expected> holdsShipped = Optional.empty();
    if (shipped != null) {
      logs = checkShipped(link);
      ShippedAudit.Log last = logs.get(logs.size() - 1);
      long offset =
          link.filter(l -> l.fromLog().equals(last.name())).map(l -> l.fromLine()).orElse(0L);
      // The shipped lines that came from this file: after offset, up to where the next file
      // (after a later restore) starts, or the newest.
      Map.Entry<Long, String> end = last.walk().fileEnds().higherEntry(offset);
      if (file != null && end != null) {
        long line = end.getKey() - offset;
        holdsShipped =
            Optional.of(
                new AuditChain.Expected(
                    line,
                    end.getValue(),
                    "the file does not hold the lines shipped to "
                        + last.prefix()
                        + ": its line "
                        + line
                        + " (shipped line "
                        + end.getKey()
                        + ") is missing or differs (the file was cut or changed after shipping,"
                        + " or is another log)"));
      }
    }
    List<ShippedView> shippedViews =
        logs.stream()
            .map(l -> new ShippedView(l.name(), l.segments(), l.lines(), l.walk().continues()))
            .toList();
    StringBuilder text = new StringBuilder();
    for (ShippedView l : shippedViews) {
      text.append(ShippedAudit.ROOT)
          .append(l.log())
          .append("/: ")
          .append(l.segments())
          .append(l.segments() == 1 ? " segment, " : " segments, ")
          .append(l.lines())
          .append(" lines, chain intact")
          .append(l.continues().map(AuditVerify::continuesText).orElse(""))
          .append('\n');
    }
    Optional<List<ShippedView>> shippedView =
        shipped == null ? Optional.empty() : Optional.of(shippedViews);
    if (file == null) {
      out.show(
          new View(
              Optional.empty(),
              Optional.empty(),
              true,
              Optional.empty(),
              Optional.empty(),
              shippedView),
          text::toString);
      return;
    }
    AuditChain.Report report;
    try {
      report = AuditChain.check(file, anchor, holdsShipped);
    } catch (IOException e) {
      throw unreadable(e);
    }
    if (!report.intact()) {
      throw new CliFailure(report.problem().orElseThrow());
    }
    text.append(report.lines())
        .append(" lines, chain intact")
        .append(anchor.map(a -> "; reaches the Nexus anchor (" + a.lines() + " lines)").orElse(""))
        .append(report.continues().map(AuditVerify::continuesText).orElse(""))
        .append(
            report.continues().isPresent() && shipped == null ? " (check it with --shipped)" : "")
        .append('\n');
    View view =
        new View(
            Optional.of(file.toString()),
            Optional.of(report.lines()),
            true,
            anchor,
            report.continues(),
            shippedView);
    out.show(view, text::toString);
  }

  /**
   * Checks the shipped log the file continues (or {@code --log}, or the only one) and the file's
   * link to it; the logs checked, the chosen one last.
   */
  private List<ShippedAudit.Log> checkShipped(Optional<AuditChain.Link> link) {
    BackupTarget target;
    try {
      target = BackupTargets.open(shipped);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--shipped: " + e.getMessage());
    }
    try (target) {
      String name =
          log != null ? log : link.map(AuditChain.Link::fromLog).orElseGet(() -> only(target));
      Optional<AuditChain.Link> toThis = link.filter(l -> l.fromLog().equals(name));
      List<ShippedAudit.Log> logs =
          ShippedAudit.check(target, name, toThis.map(l -> Set.of(l.fromLine())).orElse(Set.of()));
      if (toThis.isPresent()) {
        ShippedAudit.linked(
            logs.get(logs.size() - 1),
            toThis.get(),
            "the file " + file + " starts with a continued line that");
      }
      return logs;
    } catch (ShippedAudit.Broken e) {
      throw new CliFailure(e.getMessage());
    } catch (IOException | TargetException e) {
      throw new CliFailure("cannot read the shipped audit log: " + e.getMessage(), e);
    }
  }

  /** The one shipped log at the target. */
  private static String only(BackupTarget target) {
    List<String> logs = ShippedAudit.logs(target);
    if (logs.isEmpty()) {
      throw new CliFailure(
          target.describe() + " holds no shipped audit log (nothing under audit/)");
    }
    if (logs.size() > 1) {
      throw new UsageException(
          target.describe()
              + " holds several shipped audit logs ("
              + String.join(", ", logs)
              + "): name one with --log");
    }
    return logs.get(0);
  }

  private static String continuesText(AuditChain.Link link) {
    return "; continues " + ShippedAudit.ROOT + link.fromLog() + "/ after line " + link.fromLine();
  }

  private CliFailure unreadable(IOException e) {
    return new CliFailure("cannot read the audit log " + file + ": " + e.getMessage(), e);
  }
}
