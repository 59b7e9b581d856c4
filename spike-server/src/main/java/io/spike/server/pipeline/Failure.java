package io.spike.server.pipeline;

import io.spike.api.ErrorCode;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An error answer: {@code {"err":"<code>","message":...}} with a status and, for conditions that
 * pass (a store outage), a {@code Retry-After}.
 *
 * @param message ours, never a secret or a caller's input
 */
public record Failure(
    int status, ErrorCode code, Optional<String> message, Optional<Duration> retryAfter) {
  public Failure {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /** The code's own status. */
  public static Failure of(ErrorCode code, String message) {
    return of(code, code.status(), message);
  }

  public static Failure of(ErrorCode code, int status, String message) {
    return new Failure(status, code, Optional.ofNullable(message), Optional.empty());
  }

  /** The same answer, asking the client to retry after {@code wait}. */
  public Failure retryAfter(Duration wait) {
    return new Failure(status, code, message, Optional.of(wait));
  }
}
