package io.spike.store.snapshot;

import io.spike.store.RecordVisitor;
import io.spike.store.SpikeStore;
import io.spike.store.StoreNotEmptyException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Loads a snapshot into a store of any backend (SQLite to PostgreSQL and back is also how a store
 * migrates).
 *
 * <p>The records go in exactly as they were stored, system records included: the target gets the
 * snapshot's keyring and key check, so a Nexus on it unseals with the original recovery shards.
 */
public final class SnapshotRestorer {

  private SnapshotRestorer() {}

  /**
   * Checks the whole file, then loads it into {@code target} in one transaction with batched
   * inserts ({@link SpikeStore#importAll}); the checksums are checked again as the records stream
   * in, and any failure rolls the transaction back.
   *
   * @param force replace whatever the target holds ({@link SpikeStore#replaceAll}: the wipe and the
   *     load are one transaction, so a failed restore leaves the target as it was)
   * @return the counts loaded (the header's)
   * @throws SnapshotException when the file is damaged (naming the section; nothing written) or the
   *     target is not empty and {@code force} is false
   */
  public static SnapshotCounts restore(Path file, SpikeStore target, boolean force) {
    Objects.requireNonNull(target, "target");
    InspectReport report = SnapshotReader.inspect(Objects.requireNonNull(file, "file"));
    if (!report.ok()) {
      throw SnapshotException.damaged(
          report.damagedSection().orElseThrow(), report.problem().orElseThrow());
    }
    // importAll refuses a store that is not empty, in its own transaction (no read before it: a
    // fresh SQLite store with no reader connection open loads faster, see SqliteBackend).
    SnapshotHeader[] header = new SnapshotHeader[1];
    // The file is read, checked and decoded on a thread of its own, ahead of the inserts.
    Consumer<RecordVisitor> source = sink -> header[0] = ReadAhead.stream(file, sink);
    try {
      if (force) {
        target.replaceAll(source);
      } else {
        target.importAll(source);
      }
    } catch (StoreNotEmptyException e) {
      throw notEmpty(e);
    }
    return header[0].counts();
  }

  private static SnapshotException notEmpty(Throwable cause) {
    return new SnapshotException(
        "the target store is not empty; restore refuses to overwrite " + "it unless forced", cause);
  }
}
