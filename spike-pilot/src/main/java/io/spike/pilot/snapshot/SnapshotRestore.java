package io.spike.pilot.snapshot;

import io.spike.pilot.cli.CliCommand;
import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.UsageException;
import io.spike.store.StoreConfig;
import io.spike.store.StoreException;
import io.spike.store.StoreNotEmptyException;
import io.spike.store.snapshot.SnapshotCounts;
import io.spike.store.snapshot.SnapshotException;
import io.spike.store.snapshot.SnapshotHeader;
import io.spike.store.snapshot.SnapshotRestorer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spike snapshot restore F --store S [--shards D] [--allow-unsigned] [--force]}: offline,
 * loads a snapshot into a store of either backend (SQLite to PostgreSQL and back is also how a
 * system migrates).
 *
 * <p>Nothing is written to the target (a SQLite file is not even created) until the snapshot has
 * passed, in this order: the keyless checksums; then its signature, by the rule of {@link
 * SnapshotTrust}: a signed snapshot is checked with the root key rebuilt from the recovery shards
 * in D, or, without {@code --shards}, by the running Nexus (superuser identity), which verifies it
 * with its own root key; an unsigned one is refused unless {@code --allow-unsigned}, which loads it
 * unchecked and says on stderr what that skips. All of it reads a private copy of F ({@link
 * PinnedSnapshot}), so the file cannot be swapped between the check and the load.
 *
 * <p>Point-in-time restore ({@link ChangeLogOptions}): with {@code --changes TARGET} the change log
 * after the snapshot's position is verified (all needed segments, HMAC key from the shards) before
 * anything is written, then replayed after the snapshot is loaded.
 *
 * <p>The target must be empty unless {@code --force}, which replaces everything in it. With SQLite
 * the data directory's {@code StoreLock} is held throughout, so a running Nexus is never written
 * under. The store then holds the old system's keyring and key check: a Nexus started on it unseals
 * with that system's root key, from keepers holding its shards or from its recovery shards ({@code
 * spike operator restore}).
 */
@Command(
    name = "restore",
    description = {
      "Load a snapshot into a store (offline).",
      "The store is --store sqlite:<file> or postgres:<jdbc url>.",
      "It must be empty unless --force (which replaces it).",
      "No Nexus may run on it. A Nexus on the restored store unseals with the original",
      "system's recovery shards.",
      "Before anything is written, the snapshot's signature (HMAC under the root key)",
      "is checked: with the recovery shards in D (--shards D), or else by the running",
      "Nexus (superuser identity). A bad signature or another system's snapshot is",
      "refused, --allow-unsigned or not.",
      "An unsigned snapshot (offline save without --shards) is refused unless",
      "--allow-unsigned: then nothing proves who wrote it, and records could have been",
      "spliced in from other snapshots.",
      "Point in time: --changes TARGET (needs --shards D) then replays the change log",
      "shipped to TARGET after the snapshot, to its end or to --until/--until-change;",
      "every needed segment is checked before anything is written."
    })
final class SnapshotRestore extends CliCommand {

  @Mixin private SnapshotFileParam snapshot;

  @Mixin private ChangeLogOptions changeLog;

  @Option(
      names = "--store",
      required = true,
      paramLabel = "S",
      description = "The target store: sqlite:<file> or postgres:<jdbc url>.")
  private String store;

  @Option(
      names = "--shards",
      paramLabel = "D",
      description =
          "Directory of recovery shard files (spike.recovery.<id>.txt): check the signature offline.")
  private Path shardDir;

  @Option(
      names = "--allow-unsigned",
      description = "Load an unsigned snapshot unchecked (a signed one is always checked).")
  private boolean allowUnsigned;

  @Option(names = "--force", description = "Replace whatever the target store holds.")
  private boolean force;

  @Override
  public Integer call() {
    StoreConfig config = OfflineStore.parse(store);
    if (config instanceof StoreConfig.Memory) {
      throw new UsageException(
          "--store memory would be lost when this command ends; restore into sqlite:<file> or"
              + " postgres:<jdbc url>");
    }
    changeLog.check(shardDir);
    try (SnapshotSource source = snapshot.fetch(ctx().env())) {
      SnapshotFile.intact(source.path(), "nothing was touched; use an older snapshot");
      try (PinnedSnapshot pinned = SnapshotFile.pin(source.path(), ctx().env())) {
        SnapshotHeader header =
            SnapshotFile.intact(pinned, "nothing was touched; use an older snapshot");
        String signature = signature(pinned, header);
        if (!changeLog.requested()) {
          RestoreView view = load(pinned, header, config, signature, null);
          output().show(view, view::human);
          return 0;
        }
        ChangeLogOptions.Prepared log = changeLog.prepare(source.path(), header, shardDir);
        RestoreView view = load(pinned, header, config, signature, log);
        output().show(view, view::human);
      }
    }
    return 0;
  }

  /** The signature line of the report; throws when the snapshot is refused. Writes nothing. */
  private String signature(PinnedSnapshot pinned, SnapshotHeader header) {
    SnapshotTrust.Verdict verdict =
        SnapshotTrust.withoutKey(header, allowUnsigned)
            .orElseGet(
                () ->
                    shardDir != null
                        ? RestoreSignature.byShards(pinned, header, shardDir)
                        : RestoreSignature.byNexus(pinned, ctx().connector()));
    if (verdict instanceof SnapshotTrust.Genuine genuine) {
      return genuine.how();
    }
    if (verdict instanceof SnapshotTrust.UnsignedAllowed) {
      ctx()
          .err()
          .println(
              "spike: warning: "
                  + snapshot.get()
                  + " is unsigned and restored anyway (--allow-unsigned): "
                  + SnapshotTrust.SKIPPED);
      return "none (unsigned; allowed by --allow-unsigned)";
    }
    SnapshotTrust.Refused refused = (SnapshotTrust.Refused) verdict;
    throw new CliFailure(
        "snapshot "
            + snapshot.get()
            + " is refused: "
            + refused.problem()
            + "; "
            + refused.remedy()
            + "; nothing was touched");
  }

  /** Loads the snapshot, then replays {@code log} when not {@code null}. */
  private RestoreView load(
      PinnedSnapshot pinned,
      SnapshotHeader header,
      StoreConfig config,
      String signature,
      ChangeLogOptions.Prepared log) {
    try (OfflineStore target =
        OfflineStore.open(config, true, "stop it first, then restore; nothing was touched")) {
      if (!force && !target.store().isEmpty()) {
        throw notEmpty();
      }
      SnapshotCounts counts = SnapshotRestorer.restore(pinned.path(), target.store(), force);
      Optional<ChangeLogOptions.Point> point =
          Optional.ofNullable(log).map(l -> l.replay(target.store(), header.created()));
      return new RestoreView(
          snapshot.get().toString(),
          target.label(),
          header.created(),
          header.backend(),
          counts,
          signature,
          point);
    } catch (StoreNotEmptyException e) {
      throw notEmpty();
    } catch (SnapshotException | StoreException e) {
      throw new CliFailure(
          "cannot restore "
              + snapshot.get()
              + " into "
              + OfflineStore.label(config)
              + ": "
              + e.getMessage()
              + (force ? "" : "; nothing was written"),
          e);
    }
  }

  private static CliFailure notEmpty() {
    return new CliFailure("the target store is not empty; add --force to replace it");
  }

  /**
   * The result of a restore.
   *
   * @param file the snapshot restored
   * @param store the target store (PostgreSQL URLs masked)
   * @param created when the snapshot was taken
   * @param from the backend it was taken from
   * @param restored the records now in the store
   * @param signature how its signature was checked, or that it was unsigned and let through
   * @param changes the point the change log was replayed to ({@code --changes}); empty without
   */
  record RestoreView(
      String file,
      String store,
      Instant created,
      String from,
      SnapshotCounts restored,
      String signature,
      Optional<ChangeLogOptions.Point> changes) {
    String human() {
      return "restored "
          + file
          + " (taken "
          + created
          + " from "
          + from
          + ") into "
          + store
          + ":\n"
          + "  "
          + InspectView.counts(restored)
          + "\n"
          + "signature: "
          + signature
          + "\n"
          + changes.map(point -> point.human() + "\n").orElse("")
          + "A Nexus on this store starts sealed and unseals with the original system's root key: keepers that\n"
          + "hold that system's shards refill it by themselves; otherwise feed its recovery shards with\n"
          + "spike operator restore (identity: pilot restore).\n";
    }
  }
}
