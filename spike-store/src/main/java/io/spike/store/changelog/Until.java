package io.spike.store.changelog;

import io.spike.store.Change;
import java.time.Instant;
import java.util.Objects;

/**
 * How far a replay goes ({@link ChangeReplay}): to the end of the log, through the last change
 * recorded at or before a time, or through a given change. Replay applies the log's changes in
 * order and stops at the first one this excludes; recorded times never go backwards within a log,
 * so the changes applied are exactly those it includes.
 */
public sealed interface Until {

  /** Every change of the log. */
  static Until end() {
    return new End();
  }

  /** Changes recorded at or before {@code time} (millisecond precision). */
  static Until time(Instant time) {
    return new Time(time);
  }

  /** Changes up to and including change {@code seq}. */
  static Until change(long seq) {
    return new ChangeSeq(seq);
  }

  /** Whether the replay applies {@code change}. */
  boolean includes(Change change);

  /** To the end of the log. */
  record End() implements Until {
    @Override
    public boolean includes(Change change) {
      return true;
    }
  }

  /** Through the changes recorded at or before {@code time}. */
  record Time(Instant time) implements Until {
    public Time {
      Objects.requireNonNull(time, "time");
    }

    @Override
    public boolean includes(Change change) {
      return !change.at().isAfter(time);
    }
  }

  /** Through change {@code seq}. */
  record ChangeSeq(long seq) implements Until {
    public ChangeSeq {
      if (seq < 1) {
        throw new IllegalArgumentException("a change number is at least 1");
      }
    }

    @Override
    public boolean includes(Change change) {
      return change.seq() <= seq;
    }
  }
}
