package io.spike.store.changelog;

import java.util.Optional;

/**
 * A change log at a target is unusable: a segment is damaged, missing, out of order, forged or not
 * linked to its predecessor, or the changes needed are not there. The message names the segment
 * object when one is at fault; it never quotes a segment's content.
 */
public final class ChangeLogException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String segment;

  private ChangeLogException(String segment, String message, Throwable cause) {
    super(message, cause);
    this.segment = segment;
  }

  /** A problem with no one segment at fault (e.g. the log has no segments). */
  static ChangeLogException log(String message) {
    return new ChangeLogException(null, message, null);
  }

  /** A refusal of the segment object {@code segment}. */
  static ChangeLogException segment(String segment, String problem) {
    return new ChangeLogException(segment, "change log segment " + segment + ": " + problem, null);
  }

  /** Like {@link #segment(String, String)}, keeping the cause. */
  static ChangeLogException segment(String segment, String problem, Throwable cause) {
    return new ChangeLogException(segment, "change log segment " + segment + ": " + problem, cause);
  }

  /** The object name of the segment at fault, when one is. */
  public Optional<String> segment() {
    return Optional.ofNullable(segment);
  }
}
