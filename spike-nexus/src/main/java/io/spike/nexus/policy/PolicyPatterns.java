package io.spike.nexus.policy;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.spike.nexus.refusal.Refusal;

/**
 * The patterns of policies: RE2/J expressions, which match in time linear in the input whatever the
 * pattern (a backtracking engine takes over 10 s on {@code (.*a){12}$} against a short path, and
 * any workload could send that path). Constructs RE2 does not have (back-references, look-around,
 * possessive quantifiers) are refused with the construct named. A pattern is at most {@value
 * #MAX_CHARS} characters and compiles to at most {@value #MAX_PROGRAM} instructions, so nested
 * repetitions cannot make every match slow either.
 */
final class PolicyPatterns {
  static final int MAX_CHARS = 1024;
  static final int MAX_PROGRAM = 4000;

  private PolicyPatterns() {}

  /**
   * Checks a pattern a caller sends.
   *
   * @throws Refusal invalid, naming the field and what is wrong
   */
  static void require(String field, String pattern) {
    if (pattern == null || pattern.isEmpty()) {
      throw Refusal.invalid(field + " is empty");
    }
    if (pattern.length() > MAX_CHARS) {
      throw Refusal.invalid(field + " is longer than " + MAX_CHARS + " characters");
    }
    Pattern compiled;
    try {
      compiled = Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw Refusal.invalid(
          field
              + " is not a pattern RE2 accepts: "
              + e.getDescription()
              + (e.getPattern() == null || e.getPattern().isEmpty()
                  ? ""
                  : " at `" + printable(e.getPattern()) + "`")
              + " (policies use RE2 syntax: no back-references or look-around)");
    }
    if (compiled.programSize() > MAX_PROGRAM) {
      throw Refusal.invalid(
          field
              + " is too complex ("
              + compiled.programSize()
              + " instructions compiled; at most "
              + MAX_PROGRAM
              + "): simplify nested repetitions");
    }
  }

  /** Compiles a stored pattern (checked with {@link #require} when it was stored). */
  static Pattern compile(String pattern) {
    return Pattern.compile(pattern);
  }

  /** The pattern as the equivalent whole-string expression. */
  static String anchored(String pattern) {
    return "^(?:" + pattern + ")$";
  }

  /** At most 40 characters of the offending construct, control characters replaced. */
  private static String printable(String construct) {
    String cut = construct.length() > 40 ? construct.substring(0, 40) + "..." : construct;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
