package io.spike.store.target;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens a backup target from its URL: a directory path (absolute or relative), {@code file:///dir},
 * or {@code s3://bucket/prefix?endpoint=https://...&region=...&path-style=true} (S3-compatible
 * storage; credentials from the AWS SDK's default chain, never from the URL).
 */
public final class BackupTargets {
  private BackupTargets() {}

  /**
   * The target this URL names.
   *
   * @throws IllegalArgumentException when the URL is malformed or of an unknown scheme; the message
   *     says which forms are accepted
   */
  public static BackupTarget open(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("a backup target is empty; " + FORMS);
    }
    String trimmed = url.strip();
    if (trimmed.startsWith("s3://")) {
      return S3Target.connect(trimmed);
    }
    if (trimmed.startsWith("file:")) {
      try {
        return new DirectoryTarget(Path.of(URI.create(trimmed)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("not a usable file URL; " + FORMS, e);
      }
    }
    if (trimmed.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
      String scheme = trimmed.substring(0, trimmed.indexOf(':'));
      throw new IllegalArgumentException("unknown backup target scheme " + scheme + "; " + FORMS);
    }
    return new DirectoryTarget(Path.of(trimmed));
  }

  /** Whether {@code text} is a target URL rather than a local path. */
  public static boolean isUrl(String text) {
    return text != null && (text.startsWith("s3://") || text.startsWith("file:"));
  }

  /**
   * Splits a URL that may name one object at a target ({@code s3://bucket/prefix/x.snap?...},
   * {@code file:///dir/x.snap}): when its last path segment ends in {@code suffix}, that segment is
   * the object and the rest (query kept) is the target; otherwise the whole URL is the target. Only
   * for URLs ({@link #isUrl}); a local path is the caller's business.
   */
  public static ObjectUrl splitObjectUrl(String url, String suffix) {
    if (!isUrl(url)) {
      throw new IllegalArgumentException("not a target URL; " + FORMS);
    }
    int query = url.indexOf('?');
    String base = query < 0 ? url : url.substring(0, query);
    String rest = query < 0 ? "" : url.substring(query);
    int schemeEnd = base.indexOf("://");
    int pathStart = schemeEnd < 0 ? base.indexOf('/') : base.indexOf('/', schemeEnd + 3);
    int slash = base.lastIndexOf('/');
    String last = base.substring(slash + 1);
    if (pathStart >= 0 && last.length() > suffix.length() && last.endsWith(suffix)) {
      return new ObjectUrl(base.substring(0, slash) + rest, Optional.of(last));
    }
    return new ObjectUrl(url, Optional.empty());
  }

  /** A target URL and, when the URL named one, an object at it. */
  public record ObjectUrl(String targetUrl, Optional<String> object) {
    /** Validates. */
    public ObjectUrl {
      if (targetUrl == null || object == null) {
        throw new IllegalArgumentException("targetUrl and object are required");
      }
    }
  }

  static final String FORMS =
      "use a directory path, file:///dir or s3://bucket/prefix?endpoint=URL&region=R&path-style=true";
}
