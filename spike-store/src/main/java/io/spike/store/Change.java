package io.spike.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a store's change log: the change's sequence number in its log, when it was recorded
 * (milliseconds; never earlier than the change before it), its kind and its body, the records as
 * stored (ciphertext, with plaintext paths, names and version numbers) in the encoding of {@link
 * ChangeBody#encode()}. {@link #decode()} gives the typed view.
 *
 * <p>{@code toString} shows the body's length only; the array is copied in and out.
 *
 * @param seq position in the log, from 1
 * @param at when the change was recorded, at millisecond precision
 * @param kind what the body holds
 * @param body the encoded {@link ChangeBody}
 */
public record Change(long seq, Instant at, Kind kind, byte[] body) {

  /** What a change did; the code is what the store and the segment files keep. */
  public enum Kind {
    /** A {@link SpikeStore#writeSecret}: {@link ChangeBody.SecretWritten}. */
    SECRET_WRITE(1),
    /** A policy put or replaced: {@link ChangeBody.PolicyPut}. */
    POLICY_PUT(2),
    /** A policy deleted: {@link ChangeBody.PolicyDeleted}. */
    POLICY_DELETE(3),
    /**
     * System records put or removed (also first-boot initialize): {@link ChangeBody.SystemUpdated}.
     */
    SYSTEM_UPDATE(4),
    /** Everything but the audit anchors deleted: {@link ChangeBody.Wiped}. */
    WIPE(5);

    private final int code;

    Kind(int code) {
      this.code = code;
    }

    /** The stored code. */
    public int code() {
      return code;
    }

    /** The kind with this code, if any. */
    public static Optional<Kind> fromCode(int code) {
      for (Kind kind : values()) {
        if (kind.code == code) {
          return Optional.of(kind);
        }
      }
      return Optional.empty();
    }
  }

  public Change {
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be at least 1");
    }
    Objects.requireNonNull(at, "at");
    if (at.getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException("at must be whole milliseconds");
    }
    Objects.requireNonNull(kind, "kind");
    body = Checks.copy(body, "body");
  }

  /** The change with {@code body} encoded. */
  public static Change of(long seq, Instant at, ChangeBody body) {
    return new Change(seq, at, body.kind(), body.encode());
  }

  /** A copy of the encoded body. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /**
   * The typed view of the body.
   *
   * @throws IllegalArgumentException when the body is not a valid encoding of its kind
   */
  public ChangeBody decode() {
    return ChangeBody.decode(kind, body);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Change other
        && seq == other.seq
        && at.equals(other.at)
        && kind == other.kind
        && Arrays.equals(body, other.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(seq, at, kind, Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return "Change[seq="
        + seq
        + ", at="
        + at
        + ", kind="
        + kind
        + ", body="
        + Checks.lengthOf(body)
        + "]";
  }
}
