package io.spike.store.target;

import java.net.URI;
import java.nio.file.Path;

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
      throw new IllegalArgumentException("S3 targets are not available in this build; " + FORMS);
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

  static final String FORMS =
      "use a directory path, file:///dir or s3://bucket/prefix?endpoint=URL&region=R&path-style=true";
}
