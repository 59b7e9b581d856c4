package io.spike.pilot.audit;

import io.spike.api.NexusClient;
import io.spike.api.wire.StatusResponse;
import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.NexusCommand;
import io.spike.pilot.cli.Output;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spike audit verify F [--against-nexus]}: recomputes the hash chain of the audit log F
 * ({@link AuditChain}). Exit 0 with "N lines, chain intact"; exit 1 naming the first bad line
 * (edited, removed, reordered or malformed). With {@code --against-nexus}, also asks Nexus for the
 * anchor it recorded ({@code /v1/sys/status}) and fails if the file does not reach it (cut short).
 * Reads the file only: nothing in it is secret, and nothing is sent to Nexus.
 */
@Command(
    name = "verify",
    description = {
      "Verify an audit log's hash chain; exit 1 naming the first bad line.",
      "With --against-nexus: also check the file reaches the anchor Nexus recorded",
      "(detects a log cut short)."
    })
final class AuditVerify extends NexusCommand {
  @Parameters(index = "0", paramLabel = "F", description = "The audit log file.")
  private Path file;

  @Option(
      names = "--against-nexus",
      description = "Compare with the anchor the running Nexus recorded.")
  private boolean againstNexus;

  /** What {@code -f json} prints. */
  record View(String file, long lines, boolean intact, Optional<StatusResponse.Audit> anchor) {}

  @Override
  protected void validate() {
    if (!Files.isRegularFile(file)) {
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
    AuditChain.Report report;
    try {
      report = AuditChain.check(file, anchor);
    } catch (IOException e) {
      throw new CliFailure("cannot read the audit log " + file + ": " + e.getMessage(), e);
    }
    if (!report.intact()) {
      throw new CliFailure(report.problem().orElseThrow());
    }
    View view = new View(file.toString(), report.lines(), true, anchor);
    out.show(
        view,
        () ->
            report.lines()
                + " lines, chain intact"
                + anchor.map(a -> "; reaches the Nexus anchor (" + a.lines() + " lines)").orElse("")
                + "\n");
  }
}
