package io.spike.store.changelog;

import io.spike.store.Change;
import io.spike.store.target.BackupTarget;
import java.util.List;
import java.util.Objects;

/** Writes change-log segments to a backup target. */
public final class ChangeSegments {

  private ChangeSegments() {}

  /**
   * Writes {@code changes} as the segment after {@code previous} (durable when this returns: {@link
   * BackupTarget#put}) and returns the chain state after it, which the next call takes.
   *
   * <p>The changes must be consecutive and start right after {@code previous.lastSeq()}; only a
   * log's first segment ({@code previous} is {@link ChainState#initial()}) may start later, when
   * the changes before it were never shipped.
   *
   * @param hmacKey the {@value ChangeLogFormat#HMAC_KEY_BYTES}-byte HMAC key; not kept
   * @throws IllegalArgumentException when the changes are empty, not consecutive, do not follow
   *     {@code previous}, or would exceed {@link ChangeLogFormat#MAX_SEGMENT_BYTES}
   * @throws io.spike.store.target.TargetException when the target fails
   */
  public static ChainState write(
      BackupTarget target,
      String logId,
      ChainState previous,
      List<Change> changes,
      byte[] hmacKey) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(hmacKey, "hmacKey");
    if (changes.isEmpty()) {
      throw new IllegalArgumentException("a segment holds at least one change");
    }
    long first = changes.get(0).seq();
    boolean follows =
        first == previous.lastSeq() + 1 || (previous.isInitial() && previous.lastSeq() == 0);
    if (!follows) {
      throw new IllegalArgumentException(
          "the segment starts at change " + first + " but the log ends at " + previous.lastSeq());
    }
    for (int i = 1; i < changes.size(); i++) {
      if (changes.get(i).seq() != first + i) {
        throw new IllegalArgumentException("the changes of a segment must be consecutive");
      }
    }
    SegmentName name = new SegmentName(logId, first, first + changes.size() - 1);
    SegmentCodec.Encoded encoded = SegmentCodec.encode(name, previous, changes, hmacKey);
    target.put(name.objectName(), encoded.bytes());
    return encoded.end();
  }
}
