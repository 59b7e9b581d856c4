package io.spike.pilot.policy;

import io.spike.api.wire.PolicyPutRequest;
import io.spike.pilot.cli.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A policy as the operator writes it (flags or a SPIKE policy file), checked locally: a name, two
 * regular expressions that compile, and permissions from {@code read, write, list, execute, super}.
 * Anything else is a {@link UsageException}.
 *
 * @param name the policy's name (its id)
 * @param spiffeidPattern regular expression matched against callers' SPIFFE IDs
 * @param pathPattern regular expression matched against secret paths
 * @param permissions the permissions granted
 */
record PolicySpec(
    String name, String spiffeidPattern, String pathPattern, List<String> permissions) {
  static final Set<String> PERMISSIONS = Set.of("read", "write", "list", "execute", "super");

  PolicySpec {
    permissions = permissions == null ? List.of() : List.copyOf(permissions);
  }

  /** The checked request; throws {@link UsageException} naming the first problem. */
  PolicyPutRequest toRequest() {
    if (name == null || name.isBlank()) {
      throw new UsageException("the policy needs a name");
    }
    if (name.codePoints().anyMatch(Character::isISOControl)) {
      throw new UsageException("the policy name holds a control character");
    }
    checkPattern("spiffeidPattern", spiffeidPattern);
    checkPattern("pathPattern", pathPattern);
    return new PolicyPutRequest(name, spiffeidPattern, pathPattern, normalize(permissions));
  }

  /** Splits comma-separated entries, lower-cases, drops duplicates, checks each. */
  static List<String> normalize(List<String> given) {
    Set<String> out = new LinkedHashSet<>();
    for (String entry : given) {
      for (String p : entry.split(",")) {
        String perm = p.trim().toLowerCase(Locale.ROOT);
        if (perm.isEmpty()) {
          continue;
        }
        if (!PERMISSIONS.contains(perm)) {
          throw new UsageException(
              "unknown permission '" + perm + "'; use read, write, list, execute or super");
        }
        out.add(perm);
      }
    }
    if (out.isEmpty()) {
      throw new UsageException(
          "the policy grants no permission; give e.g. --permissions read,list");
    }
    return new ArrayList<>(out);
  }

  private static void checkPattern(String field, String regex) {
    if (regex == null || regex.isEmpty()) {
      throw new UsageException("the policy needs a " + field + " (a regular expression)");
    }
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new UsageException(
          field
              + " is not a valid regular expression: "
              + e.getDescription()
              + " near index "
              + e.getIndex());
    }
  }
}
