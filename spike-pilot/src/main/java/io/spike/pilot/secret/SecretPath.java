package io.spike.pilot.secret;

import io.spike.api.Names;
import io.spike.pilot.cli.UsageException;

/**
 * Local checks of a secret path with the same rules Nexus applies ({@link Names}), so a bad one is
 * a usage error (exit 2) before any call.
 */
final class SecretPath {
  private SecretPath() {}

  /** Throws {@link UsageException} saying what is wrong with {@code path}, if anything. */
  static String check(String path) {
    Names.pathProblem(path)
        .ifPresent(
            problem -> {
              throw new UsageException(
                  "the secret path is not valid: " + problem + "; write e.g. apps/web/db");
            });
    return path;
  }
}
