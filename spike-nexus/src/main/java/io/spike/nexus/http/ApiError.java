package io.spike.nexus.http;

import io.spike.api.ErrorCode;

/**
 * A refusal with an API error code. Thrown by routes and the pipeline; turned into
 * {@code {"err":"<code>","message":...}} by {@link ErrorMapping}. The message is written by us
 * and never holds a secret value.
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient ErrorCode code;
  private final int status;

  public ApiError(ErrorCode code, String message) {
    this(code, code.status(), message);
  }

  /** An error sent with a status other than the code's own (e.g. 405 with {@code api_bad_request}). */
  public ApiError(ErrorCode code, int status, String message) {
    super(message, null, false, false);
    this.code = code;
    this.status = status;
  }

  public static ApiError badRequest(String message) {
    return new ApiError(ErrorCode.BAD_REQUEST, message);
  }

  public static ApiError notFound(String message) {
    return new ApiError(ErrorCode.NOT_FOUND, message);
  }

  public static ApiError unauthorized() {
    return new ApiError(ErrorCode.UNAUTHORIZED, null);
  }

  public ErrorCode code() {
    return code;
  }

  public int status() {
    return status;
  }
}
