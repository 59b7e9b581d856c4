package io.spike.nexus.barrier;

/**
 * A stored record did not decrypt under its associated data: it was altered, moved to another
 * place, or written under keys we do not hold. The message names the place (a path or policy name,
 * which the store keeps in plaintext anyway), never the content.
 */
public final class TamperedRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TamperedRecordException(String place) {
    super("stored record '" + place + "' failed its integrity check", null, false, false);
  }
}
