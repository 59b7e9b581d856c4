package io.spike.store.snapshot;

import java.util.Optional;

/**
 * A snapshot cannot be written, read or restored. When the file is damaged the message names the
 * section ({@link #section()}); messages never quote record contents.
 */
public class SnapshotException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String section;

  public SnapshotException(String message) {
    this(message, null, null);
  }

  public SnapshotException(String message, Throwable cause) {
    this(message, null, cause);
  }

  private SnapshotException(String message, String section, Throwable cause) {
    super(message, cause);
    this.section = section;
  }

  /** The file is damaged in {@code section}. */
  static SnapshotException damaged(String section, String problem) {
    return new SnapshotException(
        "snapshot damaged in section '" + section + "': " + problem, section, null);
  }

  /** The damaged section, when the file is damaged. */
  public Optional<String> section() {
    return Optional.ofNullable(section);
  }
}
