package io.spike.store;

import java.util.Objects;

/** Argument checks shared by the records; messages never echo values. */
final class Checks {

  private Checks() {}

  /** A path or name: not blank, no NUL (PostgreSQL text cannot hold it). */
  static String key(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(what + " must not contain NUL");
    }
    return value;
  }

  static byte[] copy(byte[] bytes, String what) {
    return Objects.requireNonNull(bytes, what).clone();
  }

  static int version(int version) {
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1");
    }
    return version;
  }

  static String lengthOf(byte[] bytes) {
    return bytes.length + " bytes";
  }
}
