package io.spike.store.target;

import io.spike.store.snapshot.SnapshotWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Names of snapshots at a target: {@code spike-snapshot-<yyyyMMdd'T'HHmmss'Z'>.snap} at the top
 * level ({@link SnapshotWriter#fileName}). Other names, however close, are not snapshots: nothing
 * that reads or prunes snapshots touches them.
 */
public final class SnapshotNames {
  /** What every snapshot name starts with (the prefix to {@link BackupTarget#list} them by). */
  public static final String PREFIX = "spike-snapshot-";

  /** What every snapshot name ends with. */
  public static final String SUFFIX = ".snap";

  private static final DateTimeFormatter NAME_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private SnapshotNames() {}

  /** The time in a name written by {@link SnapshotWriter#fileName}; empty for any other name. */
  public static Optional<Instant> timeInName(String name) {
    if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX)) {
      return Optional.empty();
    }
    try {
      Instant time =
          Instant.from(
              NAME_TIME.parse(name.substring(PREFIX.length(), name.length() - SUFFIX.length())));
      return SnapshotWriter.fileName(time).equals(name) ? Optional.of(time) : Optional.empty();
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The snapshot names among {@code names} by the time in them, newest first. */
  public static Map<Instant, String> newestFirst(Collection<String> names) {
    Map<Instant, String> snapshots = new TreeMap<>(Comparator.reverseOrder());
    for (String name : names) {
      timeInName(name).ifPresent(time -> snapshots.put(time, name));
    }
    return snapshots;
  }

  /** The newest snapshot at {@code target}, if it has any. */
  public static Optional<String> newest(BackupTarget target) {
    return newestFirst(target.list(PREFIX)).values().stream().findFirst();
  }
}
