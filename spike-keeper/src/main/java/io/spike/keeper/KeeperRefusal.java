package io.spike.keeper;

import java.util.Objects;

/**
 * A request the keeper refuses, in the keeper's words; {@link
 * io.spike.keeper.http.KeeperErrorMapping} is the one place that turns a {@link Kind} into a status
 * and an error code. The message is written by us and never holds a shard. No stack trace is kept:
 * a refusal is not a fault.
 */
public final class KeeperRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a request is refused. */
  public enum Kind {
    /** The request itself is wrong (a missing or all-zero shard). */
    INVALID,
    /** No shard is held. */
    NOT_FOUND,
    /** The keeper's state forbids it (bootstrap seeding a keeper that holds another shard). */
    CONFLICT
  }

  private final transient Kind kind;

  /** A refusal of {@code kind}; {@code message} is ours and never holds a shard. */
  public static KeeperRefusal of(Kind kind, String message) {
    return new KeeperRefusal(kind, message);
  }

  private KeeperRefusal(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public Kind kind() {
    return kind;
  }
}
