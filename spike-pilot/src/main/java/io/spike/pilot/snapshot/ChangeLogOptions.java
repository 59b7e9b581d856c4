package io.spike.pilot.snapshot;

import io.spike.crypto.SecretBytes;
import io.spike.crypto.Shard;
import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.UsageException;
import io.spike.store.ChangeLogPosition;
import io.spike.store.SpikeStore;
import io.spike.store.StoreException;
import io.spike.store.changelog.ChangeLogException;
import io.spike.store.changelog.ChangeLogFormat;
import io.spike.store.changelog.ChangeLogReader;
import io.spike.store.changelog.ChangeReplay;
import io.spike.store.changelog.ReplayResult;
import io.spike.store.changelog.Until;
import io.spike.store.snapshot.SnapshotHeader;
import io.spike.store.target.BackupTarget;
import io.spike.store.target.BackupTargets;
import io.spike.store.target.TargetException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The point-in-time options of {@code snapshot restore} and {@code drill}: {@code --changes TARGET
 * [--until T | --until-change N]}. {@link #prepare} verifies every segment the replay needs before
 * anything is written, so a refused log leaves the target store untouched; {@link Prepared#replay}
 * then applies it after the snapshot.
 */
public final class ChangeLogOptions {

  @Option(
      names = "--changes",
      paramLabel = "TARGET",
      description =
          "Replay the change log at this backup target (directory or URL) after the snapshot.")
  private String changes;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      description = "Replay only the changes recorded at or before this RFC 3339 time.")
  private String until;

  @Option(
      names = "--until-change",
      paramLabel = "N",
      description = "Replay only the changes up to change number N.")
  private Long untilChange;

  /** Whether {@code --changes} was given. */
  public boolean requested() {
    return changes != null;
  }

  /**
   * Refuses inconsistent options, before anything is read.
   *
   * @param shardDir the {@code --shards} directory, or {@code null}
   * @throws UsageException naming what is wrong
   */
  public void check(Path shardDir) {
    if (until != null && untilChange != null) {
      throw new UsageException("--until and --until-change cannot be used together; choose one");
    }
    if (changes == null && (until != null || untilChange != null)) {
      throw new UsageException(
          (until != null ? "--until" : "--until-change") + " needs --changes TARGET");
    }
    if (changes != null && shardDir == null) {
      throw new UsageException(
          "--changes needs --shards D: the change log is checked with a key derived from the root"
              + " key, which is rebuilt from the recovery shards");
    }
    if (untilChange != null && untilChange < 1) {
      throw new UsageException("--until-change must be a change number of at least 1");
    }
    stop();
  }

  private Until stop() {
    if (untilChange != null) {
      return Until.change(untilChange);
    }
    if (until == null) {
      return Until.end();
    }
    try {
      return Until.time(OffsetDateTime.parse(until).toInstant());
    } catch (DateTimeParseException e) {
      throw new UsageException(
          "--until must be an RFC 3339 time such as 2030-01-01T12:00:00Z, not " + until);
    }
  }

  /**
   * Opens the target and verifies every segment after the snapshot's change-log position with the
   * HMAC key of the root key the shards in {@code shardDir} rebuild; writes nothing.
   *
   * @throws CliFailure when the snapshot has no change-log position, the stop point lies before it,
   *     or the log is refused (naming the segment)
   */
  public Prepared prepare(Path snapshot, SnapshotHeader header, Path shardDir) {
    ChangeLogPosition position =
        header
            .changeLog()
            .orElseThrow(
                () ->
                    new CliFailure(
                        "snapshot "
                            + snapshot
                            + " records no change-log position (taken before change logs), so"
                            + " no log can be replayed after it; nothing was touched"));
    Until stop = stop();
    if (stop instanceof Until.Time time && time.time().isBefore(header.created())) {
      throw new CliFailure(
          "--until "
              + until
              + " is before the snapshot was taken ("
              + header.created()
              + "); use an older snapshot; nothing was touched");
    }
    if (stop instanceof Until.ChangeSeq seq && seq.seq() < position.lastSeq()) {
      throw new CliFailure(
          "--until-change "
              + seq.seq()
              + " is before the snapshot, which holds changes through "
              + position.lastSeq()
              + "; use an older snapshot; nothing was touched");
    }
    byte[] key = hmacKey(snapshot, header, shardDir);
    try (BackupTarget target = BackupTargets.open(changes)) {
      // A log with no segment yet (nothing shipped since the snapshot was taken) replays nothing.
      Optional<ChangeLogReader.Verified> log =
          ChangeLogReader.segments(target, position.logId()).isEmpty()
              ? Optional.empty()
              : Optional.of(
                  ChangeLogReader.read(target, position.logId(), position.lastSeq(), key));
      long end = log.map(l -> l.end().lastSeq()).orElse(position.lastSeq());
      if (stop instanceof Until.ChangeSeq seq && seq.seq() > end) {
        throw new CliFailure(
            "--until-change "
                + seq.seq()
                + " is not in change log "
                + position.logId()
                + ", which ends at change "
                + end
                + "; nothing was touched");
      }
      return new Prepared(target.describe(), position, stop, log);
    } catch (ChangeLogException | TargetException e) {
      throw new CliFailure(
          "the change log at "
              + changes
              + " is refused: "
              + e.getMessage()
              + "; nothing was touched",
          e);
    } finally {
      SecretBytes.wipe(key);
    }
  }

  private static byte[] hmacKey(Path snapshot, SnapshotHeader header, Path shardDir) {
    List<Shard> shards = RecoveryShards.fromDir(shardDir);
    try {
      return KeyFinder.deriveKey(
          shards,
          header.keyCheck(),
          ChangeLogFormat.HMAC_LABEL,
          ChangeLogFormat.HMAC_KEY_BYTES,
          () ->
              new CliFailure(
                  "the shards in "
                      + shardDir
                      + " do not rebuild the root key of "
                      + snapshot
                      + ", so its change log cannot be checked; nothing was touched"));
    } finally {
      shards.forEach(Shard::destroy);
    }
  }

  /**
   * A log verified before anything was written, ready to replay: exactly the changes that were
   * checked are applied (they are ciphertext records; no key is held).
   *
   * @param target where the log came from, as the target describes itself
   * @param position the snapshot's change-log position the replay starts after
   * @param until where the replay stops
   * @param log the verified changes after the snapshot; empty when nothing was shipped after it
   */
  public record Prepared(
      String target,
      ChangeLogPosition position,
      Until until,
      Optional<ChangeLogReader.Verified> log) {

    /**
     * Replays the log onto {@code store}, which holds the snapshot.
     *
     * @throws CliFailure when a change does not apply
     */
    public Point replay(SpikeStore store, Instant snapshotTime) {
      if (log.isEmpty()) {
        return new Point(0, position.lastSeq(), snapshotTime);
      }
      try {
        ReplayResult result = ChangeReplay.replay(store, log.get(), until);
        return new Point(result.applied(), result.lastSeq(), result.lastAt().orElse(snapshotTime));
      } catch (ChangeLogException | StoreException e) {
        throw new CliFailure(
            "replaying change log "
                + position.logId()
                + " from "
                + target
                + " failed: "
                + e.getMessage()
                + "; the store holds the snapshot and the changes before it; restore again with"
                + " --force",
            e);
      }
    }
  }

  /**
   * The point a replay reached.
   *
   * @param replayed how many changes were applied
   * @param lastSeq the last change the store now holds
   * @param at when that change was recorded (the snapshot's time when none was replayed)
   */
  public record Point(long replayed, long lastSeq, Instant at) {
    public Point {
      Objects.requireNonNull(at, "at");
    }

    /** {@code replayed N changes, up to change S at <time>}. */
    public String human() {
      return "replayed " + replayed + " changes, up to change " + lastSeq + " at " + at;
    }
  }
}
