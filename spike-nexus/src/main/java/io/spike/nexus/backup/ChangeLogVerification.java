package io.spike.nexus.backup;

import io.spike.crypto.RootKey;
import io.spike.crypto.SecretBytes;
import io.spike.store.ChangeLogPosition;
import io.spike.store.SpikeStore;
import io.spike.store.changelog.ChangeLogException;
import io.spike.store.changelog.ChangeLogFormat;
import io.spike.store.changelog.ChangeLogReader;
import io.spike.store.changelog.ChangeReplay;
import io.spike.store.changelog.ReplayResult;
import io.spike.store.changelog.Until;
import io.spike.store.snapshot.SnapshotHeader;
import io.spike.store.snapshot.SnapshotReader;
import io.spike.store.target.BackupTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The change-log step of {@link BackupVerifier}: the segments shipped after the snapshot's last
 * change are read from the target, their SHA-256 and HMAC chains checked under this Nexus's
 * change-log key, and every change replayed into the scratch store that holds the snapshot, as a
 * point-in-time restore would. A snapshot from before the change log (no {@code changeLog} in its
 * header) or a log with nothing shipped after the snapshot passes.
 *
 * <p>Security promise: the HMAC key is derived for the round and wiped; problems name segments and
 * sequence numbers, never a value.
 */
final class ChangeLogVerification implements BackupVerifier.ChangeLogCheck {

  @Override
  public List<String> verifyAfter(
      BackupTarget target, Path snapshot, SpikeStore scratch, RootKey rootKey) {
    Optional<ChangeLogPosition> position =
        SnapshotReader.inspect(snapshot).header().flatMap(SnapshotHeader::changeLog);
    if (position.isEmpty()) {
      return List.of();
    }
    String logId = position.get().logId();
    long after = position.get().lastSeq();
    if (ChangeLogReader.segments(target, logId).stream().allMatch(s -> s.lastSeq() <= after)) {
      return List.of();
    }
    byte[] key = rootKey.deriveKey(ChangeLogFormat.HMAC_LABEL, ChangeLogFormat.HMAC_KEY_BYTES);
    try {
      ChangeLogReader.Verified log = ChangeLogReader.read(target, logId, after, key);
      ReplayResult result = ChangeReplay.replay(scratch, log, Until.end());
      return result.lastSeq() < log.end().lastSeq()
          ? List.of("change log " + logId + " replayed only through change " + result.lastSeq())
          : List.of();
    } catch (ChangeLogException e) {
      return List.of("change log " + logId + ": " + e.getMessage());
    } catch (RuntimeException e) {
      return List.of(
          "change log " + logId + " does not replay onto the snapshot: " + e.getClass().getName());
    } finally {
      SecretBytes.wipe(key);
    }
  }
}
