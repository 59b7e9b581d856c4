package io.spike.pilot.snapshot;

import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The snapshot file {@code F} that inspect, verify and restore take. */
final class SnapshotFileParam {
  @Parameters(index = "0", paramLabel = "F", description = "The snapshot file.")
  private Path file;

  /** The file as given. */
  Path get() {
    return file;
  }
}
