package io.spike.nexus.secrets;

import io.spike.nexus.http.ApiError;

/**
 * Rules for secret paths: not empty, at most {@value #MAX_LENGTH} characters, no ISO control
 * characters, no leading or trailing whitespace. Anything else is 400 {@code api_bad_request};
 * the message does not echo the path.
 */
public final class SecretPath {
  public static final int MAX_LENGTH = 1024;

  private SecretPath() {}

  /** Returns {@code path} when valid, else throws a 400 {@link ApiError}. */
  public static String require(String path) {
    if (path == null || path.isEmpty()) {
      throw ApiError.badRequest("path is empty");
    }
    if (path.length() > MAX_LENGTH) {
      throw ApiError.badRequest("path is longer than " + MAX_LENGTH + " characters");
    }
    if (path.codePoints().anyMatch(Character::isISOControl)) {
      throw ApiError.badRequest("path contains a control character");
    }
    if (Character.isWhitespace(path.charAt(0)) || Character.isWhitespace(path.charAt(path.length() - 1))) {
      throw ApiError.badRequest("path starts or ends with whitespace");
    }
    return path;
  }
}
