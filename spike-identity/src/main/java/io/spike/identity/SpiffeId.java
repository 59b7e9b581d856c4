package io.spike.identity;

import java.util.Objects;

/**
 * A SPIFFE ID, {@code spiffe://<trust domain><path>}, validated as the SPIFFE specification
 * requires: a lowercase trust domain of {@code [a-z0-9._-]}, and a non-empty path of segments of
 * {@code [A-Za-z0-9._-]} (no empty, {@code .} or {@code ..} segments, no trailing slash, no query,
 * fragment, port or user info).
 *
 * <p>A bare trust domain ({@code spiffe://example.org}) is not accepted: it names no workload, so
 * it can never be a peer's identity here.
 *
 * @param trustDomain the trust domain name, e.g. {@code spike.ist}
 * @param path the path, starting with {@code /}, e.g. {@code /spike/nexus}
 */
public record SpiffeId(String trustDomain, String path) {

  private static final String SCHEME = "spiffe://";
  private static final int MAX_LENGTH = 2048;

  /** Validates both parts; throws {@link IllegalArgumentException} when malformed. */
  public SpiffeId {
    Objects.requireNonNull(trustDomain, "trustDomain");
    Objects.requireNonNull(path, "path");
    validateTrustDomain(trustDomain);
    validatePath(path);
    if (SCHEME.length() + trustDomain.length() + path.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("SPIFFE ID longer than " + MAX_LENGTH + " characters");
    }
  }

  /**
   * Parses {@code spiffe://td/path}.
   *
   * @throws IllegalArgumentException when the text is not a valid SPIFFE ID with a path
   */
  public static SpiffeId parse(String text) {
    Objects.requireNonNull(text, "text");
    if (!text.startsWith(SCHEME)) {
      throw new IllegalArgumentException(
          "SPIFFE ID must start with " + SCHEME + ": " + abbreviate(text));
    }
    String rest = text.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("SPIFFE ID has no path: " + abbreviate(text));
    }
    return new SpiffeId(rest.substring(0, slash), rest.substring(slash));
  }

  /**
   * Builds an ID from its parts.
   *
   * @param trustDomain e.g. {@code spike.ist}
   * @param path e.g. {@code /spike/nexus} (must start with {@code /})
   * @throws IllegalArgumentException when either part is malformed
   */
  public static SpiffeId of(String trustDomain, String path) {
    return new SpiffeId(trustDomain, path);
  }

  /**
   * Whether this ID's path equals {@code pathPrefix} or lies under it ({@code pathPrefix +
   * "/"...}). {@code /spike/nexus} is under {@code /spike/nexus} and {@code /spike}, but not under
   * {@code /spike/nex}. The trust domain is not compared: see {@link Role#holds(SpiffeId, String)}
   * for that.
   */
  public boolean isUnder(String pathPrefix) {
    Objects.requireNonNull(pathPrefix, "pathPrefix");
    if (path.equals(pathPrefix)) {
      return true;
    }
    String withSlash = pathPrefix.endsWith("/") ? pathPrefix : pathPrefix + "/";
    return path.startsWith(withSlash);
  }

  /** Whether this ID belongs to {@code trustDomain}. */
  public boolean memberOf(String trustDomain) {
    return this.trustDomain.equals(trustDomain);
  }

  /** The URI form, {@code spiffe://td/path}. */
  @Override
  public String toString() {
    return SCHEME + trustDomain + path;
  }

  /**
   * Checks a trust domain name ({@code [a-z0-9._-]+}).
   *
   * @throws IllegalArgumentException when malformed
   */
  static void validateTrustDomain(String trustDomain) {
    if (trustDomain.isEmpty()) {
      throw new IllegalArgumentException("SPIFFE trust domain is empty");
    }
    for (int i = 0; i < trustDomain.length(); i++) {
      char c = trustDomain.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
      if (!ok) {
        throw new IllegalArgumentException(
            "SPIFFE trust domain may hold only lowercase letters, digits, '.', '-' and '_': "
                + abbreviate(trustDomain));
      }
    }
  }

  private static void validatePath(String path) {
    if (path.isEmpty() || path.charAt(0) != '/') {
      throw new IllegalArgumentException("SPIFFE ID path must start with '/': " + abbreviate(path));
    }
    // Split keeping trailing empty strings, so "/a/" and "/a//b" show their empty segments.
    String[] segments = path.substring(1).split("/", -1);
    for (String segment : segments) {
      if (segment.isEmpty()) {
        throw new IllegalArgumentException(
            "SPIFFE ID path has an empty segment: " + abbreviate(path));
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("SPIFFE ID path has a dot segment: " + abbreviate(path));
      }
      for (int i = 0; i < segment.length(); i++) {
        char c = segment.charAt(i);
        boolean ok =
            (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '-'
                || c == '_';
        if (!ok) {
          throw new IllegalArgumentException(
              "SPIFFE ID path may hold only letters, digits, '.', '-', '_' and '/': "
                  + abbreviate(path));
        }
      }
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 100 ? text : text.substring(0, 100) + "...";
  }
}
