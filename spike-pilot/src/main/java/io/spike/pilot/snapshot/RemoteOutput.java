package io.spike.pilot.snapshot;

import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.UsageException;
import io.spike.store.target.BackupTarget;
import io.spike.store.target.BackupTargets;
import io.spike.store.target.SnapshotNames;
import io.spike.store.target.TargetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code snapshot save -o URL}: the save writes into a private temporary directory (0700 under
 * {@code TMPDIR}, else {@code java.io.tmpdir}), and {@link #store} puts the checked file at the
 * backup target: under the object name the URL ends with, else the snapshot's own name. {@link
 * #close()} deletes the local copy and closes the target.
 */
final class RemoteOutput implements AutoCloseable {
  private final BackupTarget target;
  private final Optional<String> object;
  private final Path scratch;

  private RemoteOutput(BackupTarget target, Optional<String> object, Path scratch) {
    this.target = target;
    this.object = object;
    this.scratch = scratch;
  }

  /** Opens the target {@code url} names (no request yet) and a private scratch directory. */
  static RemoteOutput open(String url, Map<String, String> env) {
    BackupTargets.ObjectUrl split;
    BackupTarget target;
    try {
      split = BackupTargets.splitObjectUrl(url, SnapshotNames.SUFFIX);
      target = BackupTargets.open(split.targetUrl());
    } catch (IllegalArgumentException e) {
      throw new UsageException("-o is not a usable backup target: " + e.getMessage());
    }
    Path root = PinnedSnapshot.tempRoot(env);
    try {
      Path scratch =
          Files.createTempDirectory(
              root,
              "spike-save-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      return new RemoteOutput(target, split.object(), scratch);
    } catch (IOException e) {
      target.close();
      throw new CliFailure(
          "cannot create a private temporary directory in " + root + ": " + e.getMessage(), e);
    }
  }

  /** Where the save writes locally: a file named as the object, else the scratch directory. */
  Path localOutput() {
    return object.map(scratch::resolve).orElse(scratch);
  }

  /** Stores the intact snapshot {@code file} at the target; returns where, for the output. */
  String store(Path file) {
    String name = object.orElse(file.getFileName().toString());
    try {
      target.putFile(name, file);
    } catch (TargetException e) {
      throw new CliFailure(
          e.getMessage()
              + "; the snapshot was not stored; check the URL, and for S3 the credentials"
              + " (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile)",
          e);
    }
    return name + " at " + target.describe();
  }

  @Override
  public void close() {
    target.close();
    try (Stream<Path> files = Files.walk(scratch)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException | RuntimeException ignored) {
      // Best effort: a leftover copy is ciphertext only, in a directory only we can read.
    }
  }
}
