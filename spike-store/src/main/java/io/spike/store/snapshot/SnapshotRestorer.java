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
   * Loads the file into {@code target} in one transaction with batched inserts ({@link
   * SpikeStore#importAll}), while the whole file is checked (as {@link SnapshotReader#inspect}) on
   * a thread of its own; the transaction commits only once that check passed. The checksums are
   * also checked again as the records stream in, and any failure rolls the transaction back. A
   * damaged file is reported as damaged (naming the section), whatever else failed with it, as when
   * the check ran first.
   *
   * @param force replace whatever the target holds ({@link SpikeStore#replaceAll}: the wipe and the
   *     load are one transaction, so a failed restore leaves the target as it was)
   * @return the counts loaded (the header's)
   * @throws SnapshotException when the file is damaged (naming the section; nothing written) or the
   *     target is not empty and {@code force} is false
   */
  public static SnapshotCounts restore(Path file, SpikeStore target, boolean force) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(file, "file");
    FileCheck check = FileCheck.start(file);
    SnapshotHeader[] header = new SnapshotHeader[1];
    // The file is read, checked and decoded on a thread of its own, ahead of the inserts; the load
    // commits only after the whole-file check passed.
    Consumer<RecordVisitor> source =
        sink -> {
          header[0] = ReadAhead.stream(file, sink);
          check.requireOk();
        };
    try {
      if (force) {
        target.replaceAll(source);
      } else {
        // importAll refuses a store that is not empty, in its own transaction (no read before it:
        // a fresh SQLite store with no reader connection open loads faster, see SqliteBackend).
        target.importAll(source);
      }
    } catch (StoreNotEmptyException e) {
      check.requireOk();
      throw notEmpty(e);
    } catch (RuntimeException | Error e) {
      check.requireOk(); // a damaged file is reported as damaged
      throw e;
    }
    return header[0].counts();
  }

  /** The whole-file check, running on a thread of its own. */
  private static final class FileCheck {
    private final Thread thread;
    private volatile InspectReport report;
    private volatile RuntimeException failure;

    private FileCheck(Path file) {
      this.thread =
          new Thread(
              () -> {
                try {
                  report = SnapshotReader.inspect(file);
                } catch (RuntimeException e) {
                  failure = e;
                }
              },
              "spike-snapshot-check");
      thread.setDaemon(true);
    }

    static FileCheck start(Path file) {
      FileCheck check = new FileCheck(file);
      check.thread.start();
      return check;
    }

    /** Waits for the check; throws when the file is damaged or could not be read. */
    void requireOk() {
      ReadAhead.joinUninterruptibly(thread);
      if (failure != null) {
        throw failure;
      }
      if (!report.ok()) {
        throw SnapshotException.damaged(
            report.damagedSection().orElseThrow(), report.problem().orElseThrow());
      }
    }
  }

  private static SnapshotException notEmpty(Throwable cause) {
    return new SnapshotException(
        "the target store is not empty; restore refuses to overwrite " + "it unless forced", cause);
  }
}
