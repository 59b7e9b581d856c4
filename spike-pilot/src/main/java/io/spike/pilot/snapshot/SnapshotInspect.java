package io.spike.pilot.snapshot;

import io.spike.pilot.cli.CliCommand;
import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.Output;
import io.spike.store.snapshot.InspectReport;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code spike snapshot inspect F}: checks a snapshot's structure and every checksum without any
 * key, and shows its header (format, time, backend, counts, keyring terms, signed, and how many of
 * how many recovery shards restore it, with their commitments' fingerprint) and digests. Exit 0
 * when intact; 1 naming the first damaged section otherwise (a truncated file or any changed byte).
 * With {@code -f json|yaml} the report is printed in both cases.
 */
@Command(
    name = "inspect",
    description = {
      "Check a snapshot's structure and checksums (no key needed) and show its header.",
      "The header: format, created time, backend, record counts, keyring terms, signed,",
      "the recovery shards it needs (threshold, share count, commitments fingerprint), SHA-256s.",
      "Exit 1 naming the damaged section when any byte is wrong or the file is cut short."
    })
final class SnapshotInspect extends CliCommand {

  @Mixin private SnapshotFileParam snapshot;

  @Override
  public Integer call() {
    try (SnapshotSource source = snapshot.fetch(ctx().env())) {
      Path file = source.path();
      InspectReport report = SnapshotFile.inspect(file);
      InspectView view = InspectView.of(file, SnapshotFile.size(file), report);
      Output out = output();
      if (report.ok() || !out.human()) {
        out.show(view, view::human);
      }
      if (!report.ok()) {
        throw new CliFailure(InspectView.damage(file, report) + "; use an older snapshot");
      }
    }
    return 0;
  }
}
