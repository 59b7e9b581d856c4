package io.spike.pilot.snapshot;

import io.spike.pilot.cli.CliFailure;
import io.spike.store.snapshot.InspectReport;
import io.spike.store.snapshot.SnapshotException;
import io.spike.store.snapshot.SnapshotHeader;
import io.spike.store.snapshot.SnapshotReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A snapshot file named on the command line: found, inspected without a key, its header when
 * intact, and pinned (a private copy) for commands that check it and then load it.
 */
public final class SnapshotFile {
  private SnapshotFile() {}

  /** The keyless inspect report of {@code file}; a missing file is a failure saying so. */
  public static InspectReport inspect(Path file) {
    requireFile(file);
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

  /**
   * A private copy of {@code file} (see {@link PinnedSnapshot}) in the temporary directory of
   * {@code env}; a missing file or a failed copy is a failure saying so.
   */
  public static PinnedSnapshot pin(Path file, Map<String, String> env) {
    requireFile(file);
    Path root = PinnedSnapshot.tempRoot(env);
    try {
      return PinnedSnapshot.copyOf(file, root);
    } catch (IOException e) {
      throw new CliFailure(
          "cannot copy snapshot "
              + file
              + " to a private temporary file in "
              + root
              + " ("
              + e.getMessage()
              + "); free as much space there as the snapshot's size, or point TMPDIR elsewhere;"
              + " nothing was touched",
          e);
    }
  }

  /**
   * The header of the intact pinned copy; damage is a failure naming the file given on the command
   * line, followed by {@code whatToDo}.
   */
  public static SnapshotHeader intact(PinnedSnapshot pinned, String whatToDo) {
    InspectReport report;
    try {
      report = SnapshotReader.inspect(pinned.path());
    } catch (SnapshotException e) {
      throw new CliFailure("cannot read snapshot " + pinned.original() + "; " + whatToDo, e);
    }
    if (!report.ok() || report.header().isEmpty()) {
      throw new CliFailure(InspectView.damage(pinned.original(), report) + "; " + whatToDo);
    }
    return report.header().get();
  }

  private static void requireFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new CliFailure(
          "no snapshot file "
              + file
              + "; check the path (snapshots are named"
              + " spike-snapshot-<UTC time>.snap)");
    }
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
