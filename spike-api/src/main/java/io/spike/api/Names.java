package io.spike.api;

import java.util.Optional;

/**
 * The one validation of secret paths and policy names, used by every Nexus route (through the wire
 * records that carry them) and by the CLI before it sends anything.
 *
 * <p>A path or name is refused when it is empty or too long, or when it holds anything that could
 * make two different texts look or store alike:
 *
 * <ul>
 *   <li>an unpaired UTF-16 surrogate (a store writing UTF-8 would replace it, so {@code a\ud800}
 *       and {@code a?} would become one key);
 *   <li>a control character (C0, DEL, C1), a Unicode noncharacter, a bidirectional formatting
 *       character (which reorders how a path is shown) or any other invisible format character
 *       (zero-width space and joiners, soft hyphen, byte order mark): a log or listing could show
 *       one path while naming another;
 *   <li>leading or trailing whitespace.
 * </ul>
 *
 * <p>Secret paths under {@value #RESERVED_PREFIX} are reserved: permissions on the system paths
 * ({@code spike/system/acl}, {@code spike/system/secret}, {@code spike/system/cipher/exec}) live
 * there, and no secret may.
 *
 * <p>Messages say what is wrong, never echo the text (it may be long or hostile).
 */
public final class Names {
  /** Longest secret path, in UTF-16 code units. */
  public static final int MAX_PATH_CHARS = 1024;

  /** Longest policy name, in UTF-16 code units. */
  public static final int MAX_NAME_CHARS = 256;

  /** Secret paths starting with this are reserved for the system. */
  public static final String RESERVED_PREFIX = "spike/";

  private Names() {}

  /** What is wrong with {@code path} as a secret path; empty when it is a valid one. */
  public static Optional<String> pathProblem(String path) {
    Optional<String> problem = textProblem(path, "path", MAX_PATH_CHARS);
    if (problem.isPresent()) {
      return problem;
    }
    if (path.startsWith(RESERVED_PREFIX)) {
      return Optional.of(
          "paths under "
              + RESERVED_PREFIX
              + " are reserved for the system; no secret may live there");
    }
    return Optional.empty();
  }

  /** What is wrong with {@code name} as a policy name; empty when it is a valid one. */
  public static Optional<String> nameProblem(String name) {
    return textProblem(name, "policy name", MAX_NAME_CHARS);
  }

  /**
   * Returns {@code path} when it is a valid secret path.
   *
   * @throws InvalidNameException saying what is wrong
   */
  public static String requirePath(String path) {
    return require(pathProblem(path), path);
  }

  /**
   * Returns {@code name} when it is a valid policy name.
   *
   * @throws InvalidNameException saying what is wrong
   */
  public static String requireName(String name) {
    return require(nameProblem(name), name);
  }

  private static String require(Optional<String> problem, String text) {
    if (problem.isPresent()) {
      throw new InvalidNameException(problem.get());
    }
    return text;
  }

  private static Optional<String> textProblem(String text, String what, int max) {
    if (text == null || text.isEmpty()) {
      return Optional.of(what + " is empty");
    }
    if (text.length() > max) {
      return Optional.of(what + " is longer than " + max + " characters");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        int codePoint = Character.toCodePoint(c, text.charAt(++i));
        if (isNoncharacter(codePoint)) {
          return Optional.of(what + " holds a Unicode noncharacter at position " + (i - 1));
        }
        continue;
      }
      if (Character.isSurrogate(c)) {
        return Optional.of(
            what + " holds an unpaired UTF-16 surrogate at position " + i + " (malformed text)");
      }
      if (Character.isISOControl(c)) {
        return Optional.of(what + " holds a control character at position " + i);
      }
      if (isBidiControl(c)) {
        return Optional.of(what + " holds a bidirectional formatting character at position " + i);
      }
      if (Character.getType(c) == Character.FORMAT) {
        return Optional.of(what + " holds an invisible format character at position " + i);
      }
      if (isNoncharacter(c)) {
        return Optional.of(what + " holds a Unicode noncharacter at position " + i);
      }
    }
    if (Character.isWhitespace(text.charAt(0))
        || Character.isWhitespace(text.charAt(text.length() - 1))
        || Character.isSpaceChar(text.charAt(0))
        || Character.isSpaceChar(text.charAt(text.length() - 1))) {
      return Optional.of(what + " starts or ends with whitespace");
    }
    return Optional.empty();
  }

  /**
   * U+061C, U+200E/F, U+202A..U+202E, U+2066..U+2069: they change how surrounding text is shown.
   */
  private static boolean isBidiControl(char c) {
    return c == '\u061c'
        || c == '\u200e'
        || c == '\u200f'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }

  /** U+FDD0..U+FDEF and the last two code points of every plane. */
  private static boolean isNoncharacter(int codePoint) {
    return (codePoint >= 0xfdd0 && codePoint <= 0xfdef) || (codePoint & 0xfffe) == 0xfffe;
  }

  /** A secret path or policy name that {@link Names} refuses; the message says why. */
  public static final class InvalidNameException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidNameException(String message) {
      super(message);
    }
  }
}
