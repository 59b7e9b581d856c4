package io.spike.store.target;

import java.util.regex.Pattern;

/** The one rule for object names at a target: relative segments of {@code [A-Za-z0-9._-]}. */
public final class TargetNames {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

  private TargetNames() {}

  /**
   * Returns {@code name} when it is a valid object name.
   *
   * @throws IllegalArgumentException when it is empty, absolute, has an empty, {@code .} or {@code
   *     ..} segment or another character
   */
  public static String check(String name) {
    if (name == null || name.isEmpty() || name.length() > 512) {
      throw new IllegalArgumentException("an object name must have 1 to 512 characters");
    }
    for (String segment : name.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches()) {
        throw new IllegalArgumentException(
            "object name segments are made of [A-Za-z0-9._-] and do not start with a dot: " + name);
      }
    }
    return name;
  }

  /** Whether {@code name} is valid (see {@link #check}). */
  public static boolean isValid(String name) {
    try {
      check(name);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
