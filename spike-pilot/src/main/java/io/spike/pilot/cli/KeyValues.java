package io.spike.pilot.cli;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses {@code key=value} arguments: the key is everything before the first {@code =} (not empty),
 * the value everything after it (may hold more {@code =} and may be empty). Errors name the
 * argument's position, never its text, because a mistyped argument may be a secret value.
 */
public final class KeyValues {
  private KeyValues() {}

  /** The pairs as a sorted map; throws {@link UsageException} on a malformed or repeated key. */
  public static Map<String, String> parse(List<String> pairs) {
    if (pairs == null || pairs.isEmpty()) {
      throw new UsageException("give at least one key=value pair, e.g. user=alice");
    }
    Map<String, String> values = new TreeMap<>();
    for (int i = 0; i < pairs.size(); i++) {
      String pair = pairs.get(i);
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new UsageException(
            "pair " + (i + 1) + " is not key=value (key first, then '='); write e.g. user=alice");
      }
      String key = pair.substring(0, eq);
      if (key.codePoints().anyMatch(Character::isISOControl)) {
        throw new UsageException("the key of pair " + (i + 1) + " has a control character");
      }
      if (values.put(key, pair.substring(eq + 1)) != null) {
        throw new UsageException("key '" + key + "' is given twice; give each key once");
      }
    }
    return values;
  }
}
