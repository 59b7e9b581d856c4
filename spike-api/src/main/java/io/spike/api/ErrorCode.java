package io.spike.api;

import java.util.Arrays;
import java.util.Optional;

/**
 * The error codes of the API, each with its HTTP status; the wire form is {@code {"err":"<code>"}}.
 */
public enum ErrorCode {
  BAD_REQUEST("api_bad_request", 400),
  UNAUTHORIZED("access_unauthorized", 401),
  NOT_FOUND("api_not_found", 404),
  CONFLICT("state_conflict", 409),
  TOO_LARGE("api_too_large", 413),
  RATE_LIMITED("api_rate_limited", 429),
  INTERNAL("api_internal_error", 500),
  NOT_READY("state_not_ready", 503),
  /** A configured limit (e.g. the number of secret paths) is reached; raise it or clean up. */
  LIMIT_REACHED("state_limit_reached", 409),
  /** The audit line could not be written, so the request did not run (fail closed). */
  AUDIT_UNAVAILABLE("audit_unavailable", 500),
  /** The backing store cannot be reached; retry after the {@code Retry-After} seconds. */
  STORE_UNAVAILABLE("store_unavailable", 503),
  /** The backing store is out of space: writes are refused, reads still work. */
  STORE_FULL("store_full", 507);

  private final String wire;
  private final int status;

  ErrorCode(String wire, int status) {
    this.wire = wire;
    this.status = status;
  }

  /** The code as it appears in {@code err}. */
  public String wire() {
    return wire;
  }

  /** The HTTP status that carries this code. */
  public int status() {
    return status;
  }

  /** The code for a wire string, if it is one of ours. */
  public static Optional<ErrorCode> fromWire(String wire) {
    return Arrays.stream(values()).filter(c -> c.wire.equals(wire)).findFirst();
  }

  /**
   * The code a server would send with this status, if any (the first declared for a shared status).
   */
  public static Optional<ErrorCode> fromStatus(int status) {
    return Arrays.stream(values()).filter(c -> c.status == status).findFirst();
  }
}
