package io.spike.api.wire;

/** {@code {password}} for unseal and escrow. Prints redacted. */
public record PasswordRequest(String password) {
  @Override
  public String toString() {
    return "PasswordRequest[redacted]";
  }
}
