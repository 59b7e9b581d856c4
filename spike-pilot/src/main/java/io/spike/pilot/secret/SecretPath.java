package io.spike.pilot.secret;

import io.spike.pilot.cli.UsageException;

/** Local checks of a secret path, so an obviously bad one is a usage error before any call. */
final class SecretPath {
  private SecretPath() {}

  /** Throws {@link UsageException} when {@code path} is blank or holds a control character. */
  static String check(String path) {
    if (path == null || path.isBlank()) {
      throw new UsageException("the secret path is empty; write e.g. apps/web/db");
    }
    if (path.codePoints().anyMatch(Character::isISOControl)) {
      throw new UsageException("the secret path holds a control character; use printable characters");
    }
    return path;
  }
}
