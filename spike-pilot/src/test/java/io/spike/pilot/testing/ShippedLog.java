package io.spike.pilot.testing;

import io.spike.crypto.SecretBytes;
import io.spike.crypto.ShardSearch;
import io.spike.pilot.snapshot.KeyFinder;
import io.spike.pilot.snapshot.RecoveryShards;
import io.spike.store.Change;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.Stores;
import io.spike.store.SystemKey;
import io.spike.store.changelog.ChainState;
import io.spike.store.changelog.ChangeLogFormat;
import io.spike.store.changelog.ChangeSegments;
import io.spike.store.snapshot.SnapshotOptions;
import io.spike.store.snapshot.SnapshotWriter;
import io.spike.store.target.BackupTarget;
import io.spike.store.target.BackupTargets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A snapshot of a {@link SnapshotFixture} system plus its change log shipped to a directory target,
 * as Nexus ships it: the changes up to the snapshot in one segment, the later ones two per segment.
 *
 * @param snapshot the signed snapshot file
 * @param shards a directory with the system's shards 1, 2, 3
 * @param target the directory target holding {@code changes/<logId>/...}
 * @param logId the log's id
 * @param changes every change shipped, in order
 */
public record ShippedLog(
    Path snapshot, Path shards, Path target, String logId, List<Change> changes) {

  /**
   * Fills a store with {@code system}, snapshots it into {@code dir}, runs {@code after} on the
   * store (each call a few ms apart is up to the caller), and ships the whole log.
   */
  public static ShippedLog build(SnapshotFixture system, Path dir, Consumer<SpikeStore> after) {
    Path shards = system.writeShards(dir.resolve("shards"), 1, 2, 3);
    Path targetDir = dir.resolve("target");
    Path snap = dir.resolve("s.snap");
    try (SpikeStore store = Stores.open(new StoreConfig.Memory());
        BackupTarget target = BackupTargets.open(targetDir.toString())) {
      system.fill(store);
      ShardSearch.Found found =
          KeyFinder.find(
                  RecoveryShards.fromDir(shards), store.system(SystemKey.KEY_CHECK).orElseThrow())
              .orElseThrow();
      byte[] snapshotKey = found.key().deriveKey("spike/snapshot-hmac", 32);
      byte[] logKey =
          found.key().deriveKey(ChangeLogFormat.HMAC_LABEL, ChangeLogFormat.HMAC_KEY_BYTES);
      found.key().destroy();
      try {
        SnapshotWriter.writeFile(
            store,
            snap,
            SnapshotOptions.signed(SnapshotFixture.CREATED, "sqlite", List.of(1), snapshotKey));
        int inSnapshot = (int) store.changeLog().lastSeq();
        after.accept(store);
        List<Change> changes = store.changesAfter(0, 1000);
        String logId = store.changeLog().logId();
        ChainState chain =
            ChangeSegments.write(
                target, logId, ChainState.initial(), changes.subList(0, inSnapshot), logKey);
        for (int from = inSnapshot; from < changes.size(); from += 2) {
          chain =
              ChangeSegments.write(
                  target,
                  logId,
                  chain,
                  changes.subList(from, Math.min(from + 2, changes.size())),
                  logKey);
        }
        return new ShippedLog(snap, shards, targetDir, logId, changes);
      } finally {
        SecretBytes.wipe(snapshotKey, logKey);
      }
    }
  }

  /** The object name of the segment holding changes {@code first} to {@code last}. */
  public String segment(long first, long last) {
    return "changes/" + logId + "/" + String.format("%020d-%020d.seg", first, last);
  }

  /** Flips one byte in the middle of a segment's file. */
  public void damage(String segment) {
    try {
      Path file = target.resolve(segment);
      byte[] bytes = Files.readAllBytes(file);
      bytes[bytes.length / 2] ^= 0x01;
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Pauses a few milliseconds, so that changes get distinct times. */
  public static void tick() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
