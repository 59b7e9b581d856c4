package io.spike.nexus.refusal;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A request the domain refuses, and why, in the domain's words: invalid input, nothing there, a
 * state that forbids it, and so on. Secrets, policies, recovery, operator and cipher code throw
 * this and never speak HTTP; {@code io.spike.nexus.http.ErrorMapping} is the one place that turns a
 * {@link Kind} into a status and an error code.
 *
 * <p>The message is written by us and says what to do; it never holds a secret value, a shard, a
 * key or a password, and never echoes input. No stack trace is kept: a refusal is not a fault.
 */
public final class Refusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a request is refused. */
  public enum Kind {
    /** The request itself is wrong (a bad pattern, a missing field, a wrong shard). */
    INVALID,
    /** What it names does not exist. */
    NOT_FOUND,
    /** The current state forbids it (already unsealed, a keeper already seeded, lost races). */
    CONFLICT,
    /** Something it needs is out of reach for now (keepers for a root rotation). */
    UNAVAILABLE,
    /** The caller asks too often; retry later. */
    TOO_MANY,
    /** A credential in the request is wrong (an escrow password). */
    WRONG_CREDENTIAL,
    /** A configured limit is reached (the number of secret paths). */
    LIMIT_REACHED,
    /** A value in the request is over its configured size. */
    TOO_LARGE
  }

  private final transient Kind kind;
  private final transient Optional<Duration> retryAfter;

  private Refusal(Kind kind, String message, Optional<Duration> retryAfter) {
    super(message, null, false, false);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.retryAfter = retryAfter;
  }

  public static Refusal invalid(String message) {
    return new Refusal(Kind.INVALID, message, Optional.empty());
  }

  public static Refusal notFound(String message) {
    return new Refusal(Kind.NOT_FOUND, message, Optional.empty());
  }

  public static Refusal conflict(String message) {
    return new Refusal(Kind.CONFLICT, message, Optional.empty());
  }

  public static Refusal unavailable(String message) {
    return new Refusal(Kind.UNAVAILABLE, message, Optional.empty());
  }

  public static Refusal tooMany(String message, Duration retryAfter) {
    return new Refusal(Kind.TOO_MANY, message, Optional.of(retryAfter));
  }

  public static Refusal wrongCredential(String message) {
    return new Refusal(Kind.WRONG_CREDENTIAL, message, Optional.empty());
  }

  public static Refusal limitReached(String message) {
    return new Refusal(Kind.LIMIT_REACHED, message, Optional.empty());
  }

  public static Refusal tooLarge(String message) {
    return new Refusal(Kind.TOO_LARGE, message, Optional.empty());
  }

  public Kind kind() {
    return kind;
  }

  /** When a retry may succeed, for {@link Kind#TOO_MANY}. */
  public Optional<Duration> retryAfter() {
    return retryAfter;
  }
}
