package io.spike.pilot.snapshot;

import io.spike.pilot.cli.CliFailure;
import io.spike.store.snapshot.InspectReport;
import io.spike.store.snapshot.SnapshotException;
import io.spike.store.snapshot.SnapshotHeader;
import io.spike.store.snapshot.SnapshotReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A snapshot file named on the command line: found, inspected without a key, its header when intact. */
public final class SnapshotFile {
  private SnapshotFile() {}

  /** The keyless inspect report of {@code file}; a missing file is a failure saying so. */
  public static InspectReport inspect(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new CliFailure("no snapshot file " + file + "; check the path (snapshots are named"
          + " spike-snapshot-<UTC time>.snap)");
    }
    try {
      return SnapshotReader.inspect(file);
    } catch (SnapshotException e) {
      throw new CliFailure("cannot read snapshot " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The header of an intact {@code file}; a damaged one is a failure naming the damaged section,
   * followed by {@code whatToDo}.
   */
  public static SnapshotHeader intact(Path file, String whatToDo) {
    InspectReport report = inspect(file);
    if (!report.ok() || report.header().isEmpty()) {
      throw new CliFailure(InspectView.damage(file, report) + "; " + whatToDo);
    }
    return report.header().get();
  }

  /** The file's size in bytes. */
  public static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new CliFailure("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
