package io.spike.pilot.drill;

import io.spike.crypto.Shard;
import io.spike.identity.Role;
import io.spike.pilot.cli.CliCommand;
import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.snapshot.ChangeLogOptions;
import io.spike.pilot.snapshot.PinnedSnapshot;
import io.spike.pilot.snapshot.RecoveryShards;
import io.spike.pilot.snapshot.SnapshotSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spike drill --snapshot F --shards D [--report R] [--allow-unsigned]}: rehearses a restore
 * of F with the recovery shards in D, fully automatic, on loopback, leaving nothing running (see
 * {@link Drill}). Like restore, it refuses, before restoring or starting anything, a snapshot whose
 * signature the rebuilt root key does not accept, and an unsigned one unless {@code
 * --allow-unsigned} (then it warns on stderr what that skips). It writes the report (see {@link
 * ReportFiles} for where). Prints a short summary (or the report itself with {@code -f json|yaml}).
 * Exit 0 on PASS; 1 on FAIL (the report and the error line say why); 2 when D holds a malformed
 * shard file.
 */
@Command(
    name = "drill",
    description = {
      "Rehearse a restore of a snapshot with recovery shards; report RTO, RPO, PASS/FAIL.",
      "Restores into a scratch store, starts a scratch Nexus on free loopback ports,",
      "unseals it with the shards in D, reads every secret version and policy back",
      "and counts them against the snapshot. RTO: launch to ready; RPO: snapshot age.",
      "First, as restore does, the snapshot's signature is checked with the root",
      "key rebuilt from D: a bad one fails the drill before anything starts; an",
      "unsigned snapshot fails it unless --allow-unsigned (then nothing proves who",
      "wrote it).",
      "Report: <R>.md and <R>.json (a trailing .md or .json of R is dropped;",
      "default drill-report). Nothing is left running; the scratch directory is deleted.",
      "Point in time: --changes TARGET replays the change log after the snapshot (to",
      "--until/--until-change), every needed segment checked first; RPO is then the",
      "age of the last replayed change."
    })
public final class DrillCommand extends CliCommand {

  @Option(
      names = "--snapshot",
      required = true,
      paramLabel = "F",
      description = {"The snapshot to drill: " + SnapshotSource.FORMS, SnapshotSource.NEWEST})
  private String snapshot;

  @Option(
      names = "--shards",
      required = true,
      paramLabel = "D",
      description = "Directory of recovery shard files (spike.recovery.<id>.txt).")
  private Path shardDir;

  @Option(
      names = "--allow-unsigned",
      description = "Drill an unsigned snapshot unchecked (a signed one is always checked).")
  private boolean allowUnsigned;

  @Option(
      names = "--report",
      paramLabel = "R",
      description =
          "Report files <R>.md and <R>.json (default: drill-report.md and drill-report.json here).")
  private Path report;

  @Mixin private ChangeLogOptions changeLog;

  @Override
  public Integer call() {
    changeLog.check(shardDir);
    ReportFiles.Pair files = ReportFiles.of(Optional.ofNullable(report));
    List<Shard> shards = RecoveryShards.fromDir(shardDir);
    DrillReport result;
    try (SnapshotSource source = SnapshotSource.fetch(snapshot, ctx().env())) {
      ProcessLauncher launcher = new ProcessLauncher(ctx().env(), Role.DEFAULT_TRUST_DOMAIN);
      result =
          new Drill(
                  launcher,
                  Clock.systemUTC(),
                  Drill.READY_TIMEOUT,
                  ctx().err(),
                  PinnedSnapshot.tempRoot(ctx().env()))
              .run(
                  source.path(),
                  shards,
                  allowUnsigned,
                  changeLog.requested()
                      ? Optional.of(header -> changeLog.prepare(source.path(), header, shardDir))
                      : Optional.empty());
    } finally {
      shards.forEach(Shard::destroy);
    }
    try {
      ReportFiles.write(result, files);
    } catch (IOException e) {
      throw new CliFailure(
          "the drill ended "
              + result.verdict()
              + " but its report cannot be written to "
              + files.markdown()
              + ": "
              + e.getMessage(),
          e);
    }
    output().show(result, () -> summary(result, files));
    if (!result.passed()) {
      throw new CliFailure(
          "drill FAILED: " + result.reasons().get(0) + "; see " + files.markdown());
    }
    return 0;
  }

  static String summary(DrillReport r, ReportFiles.Pair files) {
    StringBuilder b = new StringBuilder();
    b.append("drill ").append(r.verdict()).append(": ").append(r.snapshot()).append('\n');
    b.append("  RTO ")
        .append(r.rtoSeconds().map(s -> s + " s (launch to ready)").orElse("not reached"))
        .append(", RPO ")
        .append(
            r.rpoSeconds()
                .map(
                    s ->
                        s
                            + (r.changes().isPresent()
                                ? " s (age of the last replayed change)"
                                : " s (snapshot age)"))
                .orElse("unknown"))
        .append('\n');
    r.changes().ifPresent(point -> b.append("  ").append(point.human()).append('\n'));
    r.expected()
        .ifPresent(
            e ->
                b.append("  found ")
                    .append(r.found().secrets())
                    .append('/')
                    .append(e.secrets())
                    .append(" secrets, ")
                    .append(r.found().versions())
                    .append('/')
                    .append(e.versions())
                    .append(" versions (")
                    .append(r.found().liveVersionsRead())
                    .append(" live read), ")
                    .append(r.found().policies())
                    .append('/')
                    .append(e.policies())
                    .append(" policies\n"));
    r.reasons().forEach(reason -> b.append("  failed: ").append(reason).append('\n'));
    b.append("  report: ").append(files.markdown()).append(", ").append(files.json()).append('\n');
    return b.toString();
  }
}
