package io.spike.api;

import io.spike.config.Parser;
import java.time.Duration;

/**
 * Durations as operators write them everywhere: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}
 * (the form of the duration settings, {@link Parser#duration()}).
 */
public final class Durations {
  private static final Parser<Duration> FORM = Parser.duration();

  private Durations() {}

  /** Parses {@code text}; throws {@link IllegalArgumentException} naming the accepted forms. */
  public static Duration parse(String text) {
    try {
      return FORM.read().apply(text == null ? "" : text.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; write e.g. 500ms, 30s, 5m or 1h");
    }
  }

  /** The inverse of {@link #parse}, in the largest unit that divides the duration. */
  public static String format(Duration d) {
    return FORM.write().apply(d);
  }
}
