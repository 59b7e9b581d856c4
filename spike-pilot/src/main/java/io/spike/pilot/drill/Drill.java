package io.spike.pilot.drill;

import io.spike.api.ApiException;
import io.spike.api.ApiUnreachableException;
import io.spike.api.ErrorCode;
import io.spike.api.wire.RestoreRequest;
import io.spike.api.wire.RestoreResponse;
import io.spike.api.wire.ShardValue;
import io.spike.crypto.Shard;
import io.spike.crypto.ShardSearch;
import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.ErrorMessages;
import io.spike.pilot.snapshot.ChangeLogOptions;
import io.spike.pilot.snapshot.InspectView;
import io.spike.pilot.snapshot.KeyFinder;
import io.spike.pilot.snapshot.PinnedSnapshot;
import io.spike.pilot.snapshot.SnapshotTrust;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.StoreException;
import io.spike.store.Stores;
import io.spike.store.snapshot.InspectReport;
import io.spike.store.snapshot.SnapshotCounts;
import io.spike.store.snapshot.SnapshotException;
import io.spike.store.snapshot.SnapshotHeader;
import io.spike.store.snapshot.SnapshotReader;
import io.spike.store.snapshot.SnapshotRestorer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs one restore drill (see the package description) and returns its report; it never throws for
 * a failed drill, it reports it. Steps, each a {@link DrillReport.Check}, stopping at the first
 * that fails: the snapshot is intact; the shards open its key check (this gives the threshold,
 * before any process starts); its signature passes the rule restore applies ({@link SnapshotTrust}:
 * a signed snapshot's HMAC and records checked with the rebuilt root key, an unsigned one refused
 * unless {@code allowUnsigned}), still before anything is restored or started; it restores into a
 * scratch SQLite store; the scratch Nexus takes the shards and unseals; {@code /readyz} answers 200
 * (RTO: from the launch until then); then {@link DrillChecks}. The scratch Nexus is stopped and the
 * temporary directory deleted in every case, also when the CLI itself is interrupted. Every step
 * reads a private copy of the snapshot ({@link PinnedSnapshot}), so what was checked is what is
 * restored.
 *
 * @param tempRoot where the private copy of the snapshot goes
 */
record Drill(
    ScratchLauncher launcher,
    Clock clock,
    Duration readyTimeout,
    PrintStream progress,
    Path tempRoot) {
  static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  static final int LOG_LINES = 20;
  static final String SIGNED = "snapshot signed by this system's root key";

  Drill {
    Objects.requireNonNull(launcher, "launcher");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(readyTimeout, "readyTimeout");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(tempRoot, "tempRoot");
  }

  Drill(ScratchLauncher launcher, Clock clock, Duration readyTimeout, PrintStream progress) {
    this(launcher, clock, readyTimeout, progress, Path.of(System.getProperty("java.io.tmpdir")));
  }

  /**
   * Drills {@code snapshot} with {@code shards} (not consumed; the caller destroys them); unsigned
   * is refused.
   */
  DrillReport run(Path snapshot, List<Shard> shards) {
    return run(snapshot, shards, false);
  }

  /**
   * Drills {@code snapshot} with {@code shards} (not consumed; the caller destroys them).
   *
   * @param allowUnsigned let an unsigned snapshot through (a signed one is always checked)
   */
  DrillReport run(Path snapshot, List<Shard> shards, boolean allowUnsigned) {
    return run(snapshot, shards, allowUnsigned, Optional.empty());
  }

  /**
   * Drills {@code snapshot}, then replays a change log onto the scratch store.
   *
   * @param changes verifies the change log after the snapshot (throwing {@link CliFailure} when
   *     refused) and gives it ready to replay; empty: no change log
   */
  DrillReport run(
      Path snapshot,
      List<Shard> shards,
      boolean allowUnsigned,
      Optional<Function<SnapshotHeader, ChangeLogOptions.Prepared>> changes) {
    return new Run(snapshot, shards, allowUnsigned, changes).execute();
  }

  /** The state of one run: checks so far, and what the report needs. */
  private final class Run {
    private final Path snapshot;
    private final List<Shard> shards;
    private final boolean allowUnsigned;
    private final Optional<Function<SnapshotHeader, ChangeLogOptions.Prepared>> changes;
    private Optional<ChangeLogOptions.Prepared> log = Optional.empty();
    private Optional<ChangeLogOptions.Point> point = Optional.empty();
    private Optional<SnapshotCounts> replayedCounts = Optional.empty();
    private List<String> replayedPaths = List.of();
    private Path file;
    private final Instant started = clock.instant();
    private final List<DrillReport.Check> checks = new ArrayList<>();
    private Optional<SnapshotHeader> header = Optional.empty();
    private Optional<Integer> threshold = Optional.empty();
    private List<Integer> used = List.of();
    private Optional<Double> rto = Optional.empty();
    private DrillReport.Found found = DrillReport.Found.NONE;
    private List<String> nexusLog = List.of();

    Run(
        Path snapshot,
        List<Shard> shards,
        boolean allowUnsigned,
        Optional<Function<SnapshotHeader, ChangeLogOptions.Prepared>> changes) {
      this.snapshot = snapshot;
      this.shards = shards;
      this.allowUnsigned = allowUnsigned;
      this.changes = changes;
    }

    /**
     * Every secret path the snapshot's records hold (read again: the file was inspected already).
     */
    private List<String> secretPaths() {
      List<String> paths = new ArrayList<>();
      SnapshotReader.read(
          file,
          io.spike.store.snapshot.SnapshotVisitor.onSecrets(record -> paths.add(record.path())));
      return paths;
    }

    DrillReport execute() {
      if (!Files.isRegularFile(snapshot)) {
        check("snapshot intact", false, "no such file: " + snapshot);
        return report();
      }
      PinnedSnapshot pinned;
      try {
        pinned = PinnedSnapshot.copyOf(snapshot, tempRoot);
      } catch (IOException e) {
        check(
            "snapshot intact",
            false,
            "cannot copy it to a private temporary file in " + tempRoot + ": " + e.getMessage());
        return report();
      }
      try (pinned) {
        file = pinned.path();
        Optional<ShardSearch.Found> key =
            inspect() && unsignedLetThrough() ? openKey() : Optional.empty();
        if (key.isPresent() && signatureMatches(key.get()) && logVerified()) {
          inScratch(key.get().positions().stream().map(shards::get).toList());
        }
      }
      return report();
    }

    /** Verifies the change log after the snapshot, when one is to be replayed. */
    private boolean logVerified() {
      if (changes.isEmpty()) {
        return true;
      }
      try {
        log = Optional.of(changes.get().apply(header.get()));
        return check("change log verified", true, "every segment after the snapshot checks out");
      } catch (CliFailure e) {
        return check("change log verified", false, e.getMessage());
      }
    }

    /** Replays the verified change log onto the scratch store and counts what it then holds. */
    private boolean replay(SpikeStore store) {
      try {
        ChangeLogOptions.Point reached = log.get().replay(store, header.get().created());
        point = Optional.of(reached);
        replayedPaths = store.secretPaths();
        long versions = replayedPaths.stream().mapToLong(p -> store.versions(p).size()).sum();
        replayedCounts =
            Optional.of(
                new SnapshotCounts(
                    replayedPaths.size(),
                    versions,
                    store.policies().size(),
                    header.get().counts().system()));
        return check("change log replayed", true, reached.human());
      } catch (CliFailure | StoreException e) {
        return check(
            "change log replayed",
            false,
            ErrorMessages.oneLine(String.valueOf(e.getMessage()), 300));
      }
    }

    private boolean inspect() {
      InspectReport r;
      try {
        r = SnapshotReader.inspect(file);
      } catch (SnapshotException e) {
        return check(
            "snapshot intact", false, ErrorMessages.oneLine(String.valueOf(e.getMessage()), 300));
      }
      header = r.header().filter(h -> r.ok());
      if (header.isEmpty()) {
        return check("snapshot intact", false, InspectView.damageDetail(r));
      }
      return check(
          "snapshot intact",
          true,
          "format "
              + header.get().formatVersion()
              + ", "
              + InspectView.counts(header.get().counts())
              + ", sha-256 "
              + r.fileDigest());
    }

    /**
     * True for a signed snapshot (judged once the key is rebuilt) and for an unsigned one let
     * through.
     */
    private boolean unsignedLetThrough() {
      Optional<SnapshotTrust.Verdict> verdict =
          SnapshotTrust.withoutKey(header.get(), allowUnsigned);
      if (verdict.isEmpty()) {
        return true;
      }
      if (verdict.get() instanceof SnapshotTrust.Refused refused) {
        return check(SIGNED, false, refused.problem() + "; " + refused.remedy());
      }
      progress.println(
          "spike drill: warning: "
              + snapshot
              + " is unsigned and drilled anyway (--allow-unsigned): "
              + SnapshotTrust.SKIPPED);
      return check(
          SIGNED, true, "unsigned, let through by --allow-unsigned: " + SnapshotTrust.SKIPPED);
    }

    /**
     * Judges a signed snapshot with the rebuilt key, then destroys the key (Nexus rebuilds its
     * own).
     */
    private boolean signatureMatches(ShardSearch.Found found) {
      try {
        if (!header.get().signed()) {
          return true; // let through by unsignedLetThrough, which reported it
        }
        SnapshotTrust.Verdict verdict = SnapshotTrust.withKey(file, header.get(), found);
        if (verdict instanceof SnapshotTrust.Genuine genuine) {
          return check(SIGNED, true, genuine.how() + "; every record decrypts");
        }
        SnapshotTrust.Refused refused = (SnapshotTrust.Refused) verdict;
        return check(SIGNED, false, refused.problem() + "; " + refused.remedy());
      } finally {
        found.key().destroy();
      }
    }

    private Optional<ShardSearch.Found> openKey() {
      byte[] keyCheck = header.get().keyCheck();
      if (keyCheck.length == 0) {
        check(
            "shards open the snapshot",
            false,
            "the snapshot holds no key check (its store was never"
                + " bootstrapped); no shard can open it");
        return Optional.empty();
      }
      Optional<ShardSearch.Found> found = KeyFinder.find(shards, keyCheck);
      if (found.isEmpty()) {
        check(
            "shards open the snapshot",
            false,
            "wrong shards: no set of the "
                + shards.size()
                + " shard(s) given"
                + " rebuilds the root key the snapshot's key check accepts");
        return found;
      }
      threshold = Optional.of(found.get().threshold());
      used = found.get().shardIds();
      check(
          "shards open the snapshot",
          true,
          "shards "
              + ids(used)
              + " rebuild the root key (threshold "
              + found.get().threshold()
              + ")");
      return found;
    }

    private void inScratch(List<Shard> feed) {
      Path work;
      try {
        work =
            Files.createTempDirectory(
                "spike-drill-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (IOException e) {
        check("scratch directory", false, "cannot create a temporary directory: " + e.getMessage());
        return;
      }
      Cleanup cleanup = new Cleanup(work);
      Thread hook = new Thread(cleanup::run, "spike-drill-cleanup");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        if (restoreInto(work)) {
          withNexus(work, feed, cleanup);
        }
      } finally {
        cleanup.run();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // The hook runs anyway; cleanup is idempotent.
        }
      }
    }

    private boolean restoreInto(Path work) {
      progress.println("spike drill: restoring " + snapshot + " into a scratch SQLite store");
      Path data = work.resolve("data");
      try {
        Files.createDirectories(data);
        SnapshotCounts counts;
        try (SpikeStore store =
            Stores.open(new StoreConfig.Sqlite(data.resolve(StoreConfig.SQLITE_FILE_NAME)))) {
          counts = SnapshotRestorer.restore(file, store, false);
          if (log.isPresent() && !replay(store)) {
            return false;
          }
        }
        boolean same = counts.equals(header.get().counts());
        return check(
            "restore into a scratch store",
            same,
            InspectView.counts(counts)
                + " restored"
                + (same ? "" : "; the header counts " + InspectView.counts(header.get().counts())));
      } catch (SnapshotException | StoreException | IOException e) {
        return check(
            "restore into a scratch store",
            false,
            ErrorMessages.oneLine(String.valueOf(e.getMessage()), 300));
      }
    }

    private void withNexus(Path work, List<Shard> feed, Cleanup cleanup) {
      int shares = Math.max(shards.size(), shards.stream().mapToInt(Shard::id).max().orElse(1));
      progress.println(
          "spike drill: starting a scratch Nexus ("
              + threshold.get()
              + " of "
              + shares
              + " shares, no keepers)");
      long launched = System.nanoTime();
      ScratchNexus nexus;
      try {
        nexus = launcher.launch(work, shares, threshold.get());
      } catch (IOException | RuntimeException e) {
        check(
            "scratch Nexus starts",
            false,
            ErrorMessages.oneLine(String.valueOf(e.getMessage()), 300));
        return;
      }
      cleanup.stopping(nexus);
      Instant deadline = Instant.now().plus(readyTimeout);
      boolean ok = unseal(nexus, feed, deadline) && ready(nexus, launched, deadline);
      if (ok) {
        progress.println("spike drill: ready after " + rto.get() + " s; reading everything back");
        DrillChecks.Outcome outcome =
            DrillChecks.run(
                nexus.superuser(),
                replayedCounts.orElse(header.get().counts()),
                point.isPresent() ? replayedPaths : secretPaths());
        found = outcome.found();
        checks.addAll(outcome.checks());
      }
      if (checks.stream().anyMatch(c -> !c.ok())) {
        nexusLog = nexus.logTail(LOG_LINES);
      }
    }

    private boolean unseal(ScratchNexus nexus, List<Shard> feed, Instant deadline) {
      String name = "scratch Nexus unseals with the shards";
      for (Shard shard : feed) {
        while (true) {
          if (!nexus.alive()) {
            return check(
                name,
                false,
                "the scratch Nexus exited before it took shard " + shard.id() + lastLine(nexus));
          }
          if (Instant.now().isAfter(deadline)) {
            return check(
                name,
                false,
                "the scratch Nexus did not take shard "
                    + shard.id()
                    + " within "
                    + readyTimeout.toSeconds()
                    + " s of its launch"
                    + lastLine(nexus));
          }
          try {
            RestoreResponse r = send(nexus, shard);
            if (r.restored()) {
              return check(name, true, "took shards " + ids(used) + " and unsealed");
            }
            break;
          } catch (ApiUnreachableException notYet) {
            pause();
          } catch (ApiException e) {
            if (e.code() == ErrorCode.CONFLICT && nexus.readyz() == 200) {
              return check(name, true, "unsealed");
            }
            return check(
                name,
                false,
                "Nexus refused shard "
                    + shard.id()
                    + ": "
                    + e.code().wire()
                    + ErrorMessages.serverDetail(e));
          }
        }
      }
      return check(name, false, "Nexus took shards " + ids(used) + " but stays sealed");
    }

    private boolean ready(ScratchNexus nexus, long launched, Instant deadline) {
      while (nexus.readyz() != 200) {
        if (!nexus.alive() || Instant.now().isAfter(deadline)) {
          return check(
              "scratch Nexus ready",
              false,
              (nexus.alive()
                      ? "/readyz did not answer 200 within "
                          + readyTimeout.toSeconds()
                          + " s of the launch"
                      : "the scratch Nexus exited")
                  + lastLine(nexus));
        }
        pause();
      }
      rto = Optional.of(Math.round((System.nanoTime() - launched) / 1_000_000.0) / 1000.0);
      return check("scratch Nexus ready", true, "/readyz 200 after " + rto.get() + " s");
    }

    private RestoreResponse send(ScratchNexus nexus, Shard shard) {
      ShardValue wire = shard.withValueBytes(ShardValue::ofBytes);
      try {
        return nexus.restore().restore(new RestoreRequest(shard.id(), wire));
      } finally {
        wire.destroy();
      }
    }

    private String lastLine(ScratchNexus nexus) {
      List<String> tail = nexus.logTail(1);
      return tail.isEmpty()
          ? ""
          : " (last log line: " + ErrorMessages.oneLine(tail.get(0), 200) + ")";
    }

    private boolean check(String name, boolean ok, String detail) {
      checks.add(new DrillReport.Check(name, ok, detail));
      return ok;
    }

    private DrillReport report() {
      List<String> reasons =
          checks.stream().filter(c -> !c.ok()).map(c -> c.name() + ": " + c.detail()).toList();
      boolean pass = !checks.isEmpty() && reasons.isEmpty();
      Optional<Instant> created = header.map(SnapshotHeader::created);
      Optional<Instant> restoredUpTo = point.map(ChangeLogOptions.Point::at).or(() -> created);
      return new DrillReport(
          snapshot.toString(),
          started,
          clock.instant(),
          created,
          restoredUpTo.map(c -> Duration.between(c, started).getSeconds()),
          rto,
          threshold,
          used,
          header.map(SnapshotHeader::counts),
          found,
          checks,
          pass ? DrillReport.PASS : DrillReport.FAIL,
          reasons,
          pass ? List.of() : nexusLog,
          point);
    }
  }

  private static String ids(List<Integer> ids) {
    return ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the scratch Nexus and deletes the temporary directory, once, whoever calls first. */
  private static final class Cleanup {
    private final Path work;
    private ScratchNexus nexus;
    private boolean done;

    Cleanup(Path work) {
      this.work = work;
    }

    synchronized void stopping(ScratchNexus n) {
      nexus = n;
    }

    synchronized void run() {
      if (done) {
        return;
      }
      done = true;
      if (nexus != null) {
        nexus.close();
      }
      deleteTree(work);
    }

    private static void deleteTree(Path dir) {
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder())
            .forEach(
                p -> {
                  try {
                    Files.deleteIfExists(p);
                  } catch (IOException ignored) {
                    // Best effort: what cannot be deleted stays in the system's temporary
                    // directory.
                  }
                });
      } catch (IOException ignored) {
        // Same.
      }
    }
  }
}
