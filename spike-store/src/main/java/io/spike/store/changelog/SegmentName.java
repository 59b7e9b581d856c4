package io.spike.store.changelog;

import io.spike.store.ChangeLogPosition;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A segment's object name, {@code changes/<log id>/<first seq %020d>-<last seq %020d>.seg}: zero
 * padded, so names sort in sequence order.
 *
 * @param logId the log the segment belongs to
 * @param firstSeq its first change
 * @param lastSeq its last change (at least {@code firstSeq})
 */
public record SegmentName(String logId, long firstSeq, long lastSeq) {

  private static final Pattern NAME =
      Pattern.compile("changes/([A-Za-z0-9_-]{1,64})/([0-9]{20})-([0-9]{20})\\.seg");

  public SegmentName {
    ChangeLogPosition.checkLogId(logId);
    if (firstSeq < 1 || lastSeq < firstSeq) {
      throw new IllegalArgumentException("a segment holds changes firstSeq..lastSeq, from 1");
    }
  }

  /** The folder of a log's segments, {@code changes/<log id>/}. */
  public static String prefix(String logId) {
    return "changes/" + ChangeLogPosition.checkLogId(logId) + "/";
  }

  /** The object name. */
  public String objectName() {
    return prefix(logId) + String.format("%020d-%020d.seg", firstSeq, lastSeq);
  }

  /** The segment an object name names, if it is a well-formed segment name. */
  public static Optional<SegmentName> parse(String objectName) {
    Matcher m = NAME.matcher(objectName);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new SegmentName(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))));
    } catch (IllegalArgumentException e) { // NumberFormatException included
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return objectName();
  }
}
