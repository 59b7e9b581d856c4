package io.spike.nexus.secrets;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The outcome of a delete or undelete on a secret's versions: which version bodies change, and the
 * new current version (the highest live one, 0 if none).
 */
record VersionChange(Map<Integer, StoredVersion> changed, int currentVersion) {

  static VersionChange plan(
      NavigableMap<Integer, StoredVersion> versions,
      int current,
      List<Integer> wanted,
      boolean delete,
      Instant now) {
    Set<Integer> targets = new TreeSet<>();
    for (int v : wanted.isEmpty() ? List.of(0) : wanted) {
      if (v != 0) {
        targets.add(v);
      } else if (current > 0) {
        targets.add(current);
      } else if (!delete && !versions.isEmpty()) {
        targets.add(versions.lastKey());
      }
    }
    TreeMap<Integer, StoredVersion> after = new TreeMap<>(versions);
    Map<Integer, StoredVersion> changed = new TreeMap<>();
    for (int target : targets) {
      StoredVersion body = versions.get(target);
      if (body == null || body.live() != delete) {
        continue;
      }
      StoredVersion next = delete ? body.deletedAt(now) : body.restored();
      changed.put(target, next);
      after.put(target, next);
    }
    int newCurrent =
        after.descendingMap().entrySet().stream()
            .filter(e -> e.getValue().live())
            .map(Map.Entry::getKey)
            .findFirst()
            .orElse(0);
    return new VersionChange(changed, newCurrent);
  }

  @Override
  public String toString() {
    return "VersionChange[changed=" + changed.keySet() + ", currentVersion=" + currentVersion + "]";
  }
}
