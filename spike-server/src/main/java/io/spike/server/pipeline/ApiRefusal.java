package io.spike.server.pipeline;

import io.spike.api.ErrorCode;
import java.util.Objects;

/**
 * A refusal that only HTTP knows (unknown route, wrong method, body too large, no client SVID,
 * guard said no, audit unavailable), with its API error code and status. Domain code throws its own
 * exception types instead; {@link FailureMapping} turns those into statuses. The message is written
 * by us and never holds a secret or echoes input. No stack trace is kept: it is a refusal, not a
 * fault.
 */
public final class ApiRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient ErrorCode code;
  private final int status;

  public ApiRefusal(ErrorCode code, String message) {
    this(code, code.status(), message);
  }

  /** A refusal sent with a status other than the code's own (405 with {@code api_bad_request}). */
  public ApiRefusal(ErrorCode code, int status, String message) {
    super(message, null, false, false);
    this.code = Objects.requireNonNull(code, "code");
    this.status = status;
  }

  public static ApiRefusal badRequest(String message) {
    return new ApiRefusal(ErrorCode.BAD_REQUEST, message);
  }

  public static ApiRefusal unauthorized() {
    return new ApiRefusal(ErrorCode.UNAUTHORIZED, null);
  }

  public ErrorCode code() {
    return code;
  }

  public int status() {
    return status;
  }

  /** This refusal as the answer to send. */
  Failure toFailure() {
    return Failure.of(code, status, getMessage());
  }
}
