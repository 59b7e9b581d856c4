package io.spike.api;

/** No answer from a server: refused, timed out, or the TLS handshake failed. */
public class ApiUnreachableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ApiUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
