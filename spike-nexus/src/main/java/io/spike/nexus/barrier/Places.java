package io.spike.nexus.barrier;

/**
 * The associated data that binds each stored ciphertext to its place, so a row copied to another
 * path, version or name fails to decrypt. The one definition used to write records and to check
 * them (snapshot verification); changing a string here makes every stored record unreadable.
 */
public final class Places {
  private Places() {}

  /** {@code secret|<path>|<version>}: one version of a secret. */
  public static String secretVersion(String path, int version) {
    return "secret|" + path + "|" + version;
  }

  /** {@code secret-meta|<path>}: a secret's metadata. */
  public static String secretMetadata(String path) {
    return "secret-meta|" + path;
  }

  /** {@code policy|<name>}: a policy. */
  public static String policy(String name) {
    return "policy|" + name;
  }
}
