package io.spike.store;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Validated copies of the system-record maps handed to the store. */
final class SystemValues {

  private SystemValues() {}

  static Map<SystemKey, byte[]> copyOf(Map<SystemKey, byte[]> values) {
    Objects.requireNonNull(values, "values");
    EnumMap<SystemKey, byte[]> copies = new EnumMap<>(SystemKey.class);
    values.forEach(
        (key, value) ->
            copies.put(Objects.requireNonNull(key, "key"), Checks.copy(value, key.id())));
    return copies;
  }

  /** A copy of the removals of an update; none of them may also be put. */
  static Set<SystemKey> removalsOf(Map<SystemKey, byte[]> puts, Set<SystemKey> removals) {
    Objects.requireNonNull(removals, "removals");
    EnumSet<SystemKey> copies = EnumSet.noneOf(SystemKey.class);
    for (SystemKey key : removals) {
      copies.add(Objects.requireNonNull(key, "removal"));
      if (puts.containsKey(key)) {
        throw new IllegalArgumentException(key.id() + " is both put and removed");
      }
    }
    return copies;
  }

  static Map<SystemKey, byte[]> copyForInitialize(Map<SystemKey, byte[]> values) {
    Map<SystemKey, byte[]> copies = copyOf(values);
    if (!copies.containsKey(SystemKey.KEY_CHECK)) {
      throw new IllegalArgumentException("initialize needs a key check");
    }
    return copies;
  }
}
