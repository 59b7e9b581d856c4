package io.spike.store.changelog;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.spike.store.Change;
import io.spike.store.ChangeBody;
import io.spike.store.PolicyRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A small change log written to a {@link MemoryTarget}, for the reader and replay tests. */
final class Fixtures {

  static final String LOG = "0123456789abcdef0123456789abcdef";
  static final byte[] KEY = filled(32, 7);
  static final byte[] OTHER_KEY = filled(32, 8);

  private Fixtures() {}

  /** Change {@code seq}: policy {@code p<seq>} put, recorded at second {@code seq}. */
  static Change change(long seq) {
    return Change.of(
        seq,
        Instant.ofEpochSecond(seq),
        new ChangeBody.PolicyPut(new PolicyRecord("p" + seq, ("pol-" + seq).getBytes(UTF_8))));
  }

  static List<Change> changes(long first, long last) {
    List<Change> changes = new ArrayList<>();
    for (long seq = first; seq <= last; seq++) {
      changes.add(change(seq));
    }
    return changes;
  }

  /**
   * Writes segments of the given sizes (changes numbered from 1) under {@link #KEY}; returns the
   * state after the last.
   */
  static ChainState writeLog(MemoryTarget target, int... sizes) {
    ChainState state = ChainState.initial();
    long next = 1;
    for (int size : sizes) {
      state = ChangeSegments.write(target, LOG, state, changes(next, next + size - 1), KEY.clone());
      next += size;
    }
    return state;
  }

  private static byte[] filled(int n, int value) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) value);
    return b;
  }
}
