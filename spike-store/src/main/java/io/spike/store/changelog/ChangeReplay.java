package io.spike.store.changelog;

import io.spike.store.Change;
import io.spike.store.SpikeStore;
import io.spike.store.target.BackupTarget;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Point-in-time restore, second half: re-applies a shipped change log to a store restored from a
 * snapshot.
 *
 * <p>Everything needed is verified before anything is applied: the segments holding the changes
 * after the starting point, through the end of the log ({@link ChangeLogReader#read}). Only then
 * are the changes applied, in order, each through {@link SpikeStore#applyChange} (which records it
 * in the store's own log), until the first one {@link Until} excludes.
 */
public final class ChangeReplay {

  private ChangeReplay() {}

  /**
   * Replays log {@code logId} from {@code target} onto {@code store}.
   *
   * @param afterSeq the last change the store already holds: a snapshot's {@code changeLog.lastSeq}
   * @param hmacKeyOrNull the HMAC key ({@link ChangeLogFormat#HMAC_LABEL}); {@code null} checks the
   *     SHA-256 chain only
   * @throws ChangeLogException when a needed segment is missing or fails a check (nothing applied),
   *     or when {@link Until#change} names a change the log does not reach or the store already
   *     holds
   * @throws io.spike.store.StoreException when a change does not apply to the store; the store then
   *     holds the changes before it
   */
  public static ReplayResult replay(
      SpikeStore store,
      BackupTarget target,
      String logId,
      long afterSeq,
      Until until,
      byte[] hmacKeyOrNull) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(until, "until");
    return replay(store, ChangeLogReader.read(target, logId, afterSeq, hmacKeyOrNull), until);
  }

  /**
   * Applies a log verified beforehand ({@link ChangeLogReader#read}) to {@code store}, which holds
   * the log's changes through {@code log.afterSeq()}: for a restore that checks the log before it
   * loads the snapshot, and then applies exactly what it checked.
   *
   * @throws ChangeLogException when {@link Until#change} names a change the log does not reach or
   *     the store already holds (nothing applied)
   * @throws io.spike.store.StoreException when a change does not apply to the store; the store then
   *     holds the changes before it
   */
  public static ReplayResult replay(SpikeStore store, ChangeLogReader.Verified log, Until until) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(until, "until");
    long afterSeq = log.afterSeq();
    String logId = log.logId();
    if (until instanceof Until.ChangeSeq stop) {
      if (stop.seq() < afterSeq) {
        throw ChangeLogException.log(
            "change "
                + stop.seq()
                + " is older than the snapshot, which holds changes through "
                + afterSeq);
      }
      if (stop.seq() > log.end().lastSeq()) {
        throw ChangeLogException.log(
            "change "
                + stop.seq()
                + " is not in change log "
                + logId
                + ", which ends at "
                + log.end().lastSeq());
      }
    }
    long lastSeq = afterSeq;
    Instant lastAt = null;
    long applied = 0;
    for (Change change : log.changes()) {
      if (!until.includes(change)) {
        break;
      }
      store.applyChange(change);
      lastSeq = change.seq();
      lastAt = change.at();
      applied++;
    }
    return new ReplayResult(lastSeq, Optional.ofNullable(lastAt), applied);
  }
}
