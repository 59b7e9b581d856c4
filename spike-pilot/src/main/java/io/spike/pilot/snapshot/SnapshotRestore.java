package io.spike.pilot.snapshot;

import io.spike.pilot.cli.CliContext;
import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.Output;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spike snapshot restore F --store S [--force]}: offline, loads a snapshot into a store of
 * either backend (SQLite to PostgreSQL and back is also how a system migrates). The file is
 * inspected first: a damaged one touches nothing. The target must be empty unless
 * {@code --force}, which replaces everything in it. With SQLite the data directory's
 * {@code StoreLock} is held throughout, so a running Nexus is never written under.
 *
 * <p>The store then holds the old system's keyring and key check: a Nexus started on it unseals
 * with that system's root key, from keepers holding its shards or from its recovery shards
 * ({@code spike operator restore}).
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
    description = {"Load a snapshot into a store (offline): --store sqlite:<file> or",
        "postgres:<jdbc url>. The store must be empty unless --force (which replaces it).",
        "No Nexus may run on it. A Nexus on the restored store unseals with the original",
        "system's recovery shards."})
final class SnapshotRestore implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "F", description = "The snapshot file.")
  private Path file;

  @Option(names = "--store", required = true, paramLabel = "S",
      description = "The target store: sqlite:<file> or postgres:<jdbc url>.")
  private String store;

  @Option(names = "--force", description = "Replace whatever the target store holds.")
  private boolean force;

  private final CliContext ctx;

  SnapshotRestore(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    StoreConfig config = OfflineStore.parse(store);
    if (config instanceof StoreConfig.Memory) {
      throw new UsageException("--store memory would be lost when this command ends; restore into sqlite:<file> or"
          + " postgres:<jdbc url>");
    }
    SnapshotHeader header = SnapshotFile.intact(file, "nothing was touched; use an older snapshot");
    SnapshotCounts counts;
    String label;
    try (OfflineStore target = OfflineStore.open(config, true, "stop it first, then restore; nothing was touched")) {
      label = target.label();
      if (!force && !target.store().isEmpty()) {
        throw notEmpty();
      }
      counts = SnapshotRestorer.restore(file, target.store(), force);
    } catch (StoreNotEmptyException e) {
      throw notEmpty();
    } catch (SnapshotException | StoreException e) {
      throw new CliFailure("cannot restore " + file + " into " + OfflineStore.label(config) + ": " + e.getMessage()
          + (force ? "" : "; nothing was written"), e);
    }
    RestoreView view = new RestoreView(file.toString(), label, header.created(), header.backend(), counts);
    Output.of(spec, ctx.out()).show(view, view::human);
    return 0;
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
   */
  record RestoreView(String file, String store, Instant created, String from, SnapshotCounts restored) {
    String human() {
      return "restored " + file + " (taken " + created + " from " + from + ") into " + store + ":\n"
          + "  " + InspectView.counts(restored) + "\n"
          + "A Nexus on this store starts sealed and unseals with the original system's root key: keepers that\n"
          + "hold that system's shards refill it by themselves; otherwise feed its recovery shards with\n"
          + "spike operator restore (identity: pilot restore).\n";
    }
  }
}
