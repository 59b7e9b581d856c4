package io.spike.store.changelog;

import io.spike.store.Change;
import io.spike.store.target.BackupTarget;
import io.spike.store.target.TargetException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Lists and verifies a change log at a backup target.
 *
 * <p>What {@link #read} checks, refusing with a {@link ChangeLogException} that names the segment
 * at fault: every object under the log's folder has a segment name; the needed segments follow one
 * another without gap or overlap ({@code firstSeq} is the previous {@code lastSeq + 1}) from the
 * one holding the first needed change; each header matches its name; each segment's previous chain
 * values equal the previous segment's final ones (the segment holding change 1 starts from zeros);
 * the SHA-256 chain always, the HMAC chain when a key is given; consecutive sequence numbers, sane
 * lengths and decodable bodies. A damaged file never causes anything but that exception, and no
 * allocation larger than the file.
 */
public final class ChangeLogReader {

  private ChangeLogReader() {}

  /**
   * A verified stretch of a log: the changes after {@code afterSeq}, ascending, to the end of the
   * log, which {@code end} describes.
   */
  public record Verified(String logId, long afterSeq, List<Change> changes, ChainState end) {
    public Verified {
      Objects.requireNonNull(logId, "logId");
      changes = List.copyOf(changes);
      Objects.requireNonNull(end, "end");
    }
  }

  /**
   * The log's segments in sequence order.
   *
   * @throws ChangeLogException when an object under the log's folder is not a segment of it
   */
  public static List<SegmentName> segments(BackupTarget target, String logId) {
    String prefix = SegmentName.prefix(logId);
    List<SegmentName> names = new ArrayList<>();
    for (String object : target.list(prefix)) {
      SegmentName name =
          SegmentName.parse(object)
              .filter(n -> n.logId().equals(logId))
              .orElseThrow(
                  () -> ChangeLogException.segment(object, "not a segment name of this log"));
      names.add(name);
    }
    names.sort(
        (a, b) ->
            a.firstSeq() != b.firstSeq()
                ? Long.compare(a.firstSeq(), b.firstSeq())
                : Long.compare(a.lastSeq(), b.lastSeq()));
    return names;
  }

  /**
   * Verifies the segments that hold the changes after {@code afterSeq}, to the end of the log, and
   * returns those changes (ascending) and where the log ends. With {@code afterSeq} 0 the whole log
   * is needed, from change 1. The segment holding change 1 must start from zero chain values; the
   * first needed segment's link to segments before it (not read) is not checked, but its own chains
   * are computed from the values it claims, so those cannot be altered either.
   *
   * @param hmacKey the HMAC key, or {@code null} to check the SHA-256 chain only
   * @throws ChangeLogException when the log has no segment, lacks a needed change, or any needed
   *     segment fails a check
   */
  public static Verified read(BackupTarget target, String logId, long afterSeq, byte[] hmacKey) {
    if (afterSeq < 0) {
      throw new IllegalArgumentException("afterSeq must not be negative");
    }
    List<SegmentName> names = segments(target, logId);
    if (names.isEmpty()) {
      throw ChangeLogException.log(
          "change log " + logId + " has no segments at " + target.describe());
    }
    int start = 0;
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).firstSeq() <= afterSeq + 1) {
        start = i;
      }
    }
    SegmentName first = names.get(start);
    if (first.firstSeq() > afterSeq + 1) {
      throw ChangeLogException.segment(
          first.objectName(),
          "starts at change " + first.firstSeq() + " but change " + (afterSeq + 1) + " is needed");
    }
    List<Change> changes = new ArrayList<>();
    SegmentCodec.Segment previous = null;
    for (SegmentName name : names.subList(start, names.size())) {
      if (previous != null && name.firstSeq() != previous.name().lastSeq() + 1) {
        throw ChangeLogException.segment(
            name.objectName(),
            "starts at change "
                + name.firstSeq()
                + " but the previous segment ends at "
                + previous.name().lastSeq()
                + " (a gap, an overlap or a reordered segment)");
      }
      SegmentCodec.Segment segment = load(target, name, hmacKey);
      if (previous != null && !segment.previous().equals(previous.end())) {
        throw ChangeLogException.segment(
            name.objectName(), "does not continue the chains of the previous segment");
      }
      if (name.firstSeq() == 1 && !segment.previous().isInitial()) {
        throw ChangeLogException.segment(
            name.objectName(), "starts the log but its previous chain values are not zero");
      }
      for (Change change : segment.changes()) {
        if (change.seq() > afterSeq) {
          changes.add(change);
        }
      }
      previous = segment;
    }
    return new Verified(logId, afterSeq, changes, previous.end());
  }

  /**
   * Where the log ends, the last segment checked on its own with the SHA-256 chain only: what a
   * shipper resumes from after a restart. It checks no HMAC because the shipper's key may have
   * changed since that segment was written (a root-key rotation); a reader with the key still
   * checks every segment it reads.
   *
   * @return empty when the log has no segment yet
   * @throws ChangeLogException when the last segment fails its checks
   */
  public static Optional<ChainState> tail(BackupTarget target, String logId) {
    return tail(target, logId, null);
  }

  /**
   * Where the log ends: the last segment's last change and final chain values, after checking that
   * segment on its own (its HMAC chain too when {@code hmacKey} is not {@code null}).
   *
   * @return empty when the log has no segment yet
   * @throws ChangeLogException when the last segment fails its checks
   */
  public static Optional<ChainState> tail(BackupTarget target, String logId, byte[] hmacKey) {
    List<SegmentName> names = segments(target, logId);
    if (names.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(load(target, names.get(names.size() - 1), hmacKey).end());
  }

  private static SegmentCodec.Segment load(BackupTarget target, SegmentName name, byte[] key) {
    String object = name.objectName();
    byte[] bytes;
    try (InputStream in =
        target
            .open(object)
            .orElseThrow(() -> ChangeLogException.segment(object, "is listed but missing"))) {
      bytes = in.readNBytes(ChangeLogFormat.MAX_SEGMENT_BYTES + 1);
    } catch (IOException | TargetException e) {
      throw ChangeLogException.segment(object, "cannot be read: " + e.getMessage(), e);
    }
    if (bytes.length > ChangeLogFormat.MAX_SEGMENT_BYTES) {
      throw ChangeLogException.segment(
          object, "larger than " + ChangeLogFormat.MAX_SEGMENT_BYTES + " bytes");
    }
    return SegmentCodec.decode(name, bytes, key);
  }
}
