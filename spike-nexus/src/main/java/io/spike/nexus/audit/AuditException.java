package io.spike.nexus.audit;

/** An audit line could not be written (or the log could not be opened); the request must fail. */
public final class AuditException extends RuntimeException {
  public AuditException(String message, Throwable cause) {
    super(message, cause);
  }
}
