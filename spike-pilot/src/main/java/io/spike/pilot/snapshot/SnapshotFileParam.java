package io.spike.pilot.snapshot;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Parameters;

/**
 * The snapshot {@code F} that inspect, verify and restore take: a file, or a backup target URL (see
 * {@link SnapshotSource}). The command calls {@link #fetch} once before {@link #get}.
 */
final class SnapshotFileParam {
  @Parameters(
      index = "0",
      paramLabel = "F",
      description = {"The snapshot: " + SnapshotSource.FORMS, SnapshotSource.NEWEST})
  private String given;

  private SnapshotSource source;

  /** Downloads the snapshot when {@code F} is a URL; the returned source deletes the copy. */
  SnapshotSource fetch(Map<String, String> env) {
    if (source == null) {
      source = SnapshotSource.fetch(given, env);
    }
    return source;
  }

  /** The local file to read ({@link #fetch} first). */
  Path get() {
    if (source == null) {
      throw new IllegalStateException("fetch the snapshot first");
    }
    return source.path();
  }
}
