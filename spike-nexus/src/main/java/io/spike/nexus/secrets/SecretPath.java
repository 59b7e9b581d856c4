package io.spike.nexus.secrets;

import io.spike.api.Names;
import io.spike.nexus.refusal.Refusal;

/**
 * The secret-path rules of {@link Names}, as a refusal of the secrets domain. The wire records
 * already apply them when a request is decoded; {@link Secrets} applies them again so that no
 * caller inside Nexus can reach the store with a path the rules refuse.
 */
final class SecretPath {
  private SecretPath() {}

  /**
   * Returns {@code path} when valid, else throws {@link Refusal#invalid} saying why (never echoing
   * it).
   */
  static String require(String path) {
    Names.pathProblem(path)
        .ifPresent(
            problem -> {
              throw Refusal.invalid(problem);
            });
    return path;
  }
}
