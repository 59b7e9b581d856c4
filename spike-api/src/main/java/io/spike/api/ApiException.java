package io.spike.api;

/**
 * A server answered with an error. Carries the code, the HTTP status and the server's optional
 * human message, which never holds secret material.
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ErrorCode code;
  private final int status;

  public ApiException(ErrorCode code, int status, String message) {
    super(message == null || message.isBlank() ? code.wire() : code.wire() + ": " + message);
    this.code = code;
    this.status = status;
  }

  public ApiException(ErrorCode code, String message) {
    this(code, code.status(), message);
  }

  public ErrorCode code() {
    return code;
  }

  public int status() {
    return status;
  }
}
