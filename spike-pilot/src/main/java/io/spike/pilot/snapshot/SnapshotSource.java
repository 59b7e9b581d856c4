package io.spike.pilot.snapshot;

import io.spike.pilot.cli.CliFailure;
import io.spike.store.target.BackupTarget;
import io.spike.store.target.BackupTargets;
import io.spike.store.target.SnapshotNames;
import io.spike.store.target.TargetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * The snapshot a command line names, as a local file the existing code reads. {@code F} is one of:
 *
 * <ul>
 *   <li>a local file path: used as it is;
 *   <li>a local directory (a directory backup target): its newest snapshot, read in place;
 *   <li>an object URL, a backup target URL plus a snapshot name ({@code
 *       s3://bucket/prefix/spike-snapshot-<time>.snap?endpoint=...}, {@code
 *       file:///dir/spike-snapshot-<time>.snap}): that object;
 *   <li>a target URL alone ({@code s3://bucket/prefix?...}, {@code file:///dir/}): the newest
 *       snapshot there (by the time in its name).
 * </ul>
 *
 * <p>An object is downloaded into a file 0600 in a fresh 0700 directory under the temporary
 * directory ({@code TMPDIR}, else {@code java.io.tmpdir}); {@link #close()} deletes both (and the
 * JVM does at exit, should a command end another way). S3 credentials come from the AWS SDK's
 * default chain only; messages name the target as {@link BackupTarget#describe()} does, never the
 * URL as typed.
 */
public final class SnapshotSource implements AutoCloseable {
  /** The forms of {@code F}, for the commands' help (after "The snapshot..."). */
  public static final String FORMS =
      "a file, or an object at a backup target"
          + " (s3://bucket/prefix/spike-snapshot-<time>.snap?endpoint=URL&region=R&path-style=true,"
          + " file:///dir/spike-snapshot-<time>.snap).";

  /** The second help line: a target URL alone, and where S3 credentials come from. */
  public static final String NEWEST =
      "A directory or a target URL without a snapshot name (s3://bucket/prefix, file:///dir/)"
          + " means the newest"
          + " snapshot there; S3 credentials come from the AWS SDK's default chain"
          + " (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile).";

  private final Path path;
  private final Optional<Path> downloadDir;

  private SnapshotSource(Path path, Optional<Path> downloadDir) {
    this.path = path;
    this.downloadDir = downloadDir;
  }

  /**
   * The local file for {@code given}, downloading it first when it is a URL.
   *
   * @throws CliFailure when the URL is not usable, the target has no snapshot or cannot be read
   */
  public static SnapshotSource fetch(String given, Map<String, String> env) {
    if (!BackupTargets.isUrl(given)) {
      Path local = Path.of(given);
      if (!Files.isDirectory(local)) {
        return new SnapshotSource(local, Optional.empty());
      }
      try (BackupTarget target = BackupTargets.open(given)) {
        return new SnapshotSource(local.resolve(newest(target)), Optional.empty());
      }
    }
    BackupTargets.ObjectUrl url;
    BackupTarget target;
    try {
      url = BackupTargets.splitObjectUrl(given, SnapshotNames.SUFFIX);
      target = BackupTargets.open(url.targetUrl());
    } catch (IllegalArgumentException e) {
      throw new CliFailure("not a usable snapshot location: " + e.getMessage(), e);
    }
    try (target) {
      String name = url.object().orElseGet(() -> newest(target));
      return download(target, name, PinnedSnapshot.tempRoot(env));
    } catch (TargetException e) {
      throw new CliFailure(
          e.getMessage()
              + "; check the URL, and for S3 the credentials (AWS_ACCESS_KEY_ID and"
              + " AWS_SECRET_ACCESS_KEY, or a profile)",
          e);
    }
  }

  private static String newest(BackupTarget target) {
    return SnapshotNames.newest(target)
        .orElseThrow(
            () ->
                new CliFailure(
                    "no snapshot at "
                        + target.describe()
                        + " (snapshots are named spike-snapshot-<UTC time>.snap)"));
  }

  private static SnapshotSource download(BackupTarget target, String name, Path tempRoot) {
    Path dir;
    try {
      dir =
          Files.createTempDirectory(
              tempRoot,
              "spike-download-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new CliFailure(
          "cannot create a private temporary directory in " + tempRoot + ": " + e.getMessage(), e);
    }
    dir.toFile().deleteOnExit();
    Path file = dir.resolve(name.substring(name.lastIndexOf('/') + 1));
    file.toFile().deleteOnExit();
    SnapshotSource source = new SnapshotSource(file, Optional.of(dir));
    try {
      target.download(name, file);
      return source;
    } catch (RuntimeException e) {
      source.close();
      throw e;
    }
  }

  /** The local file to read. */
  public Path path() {
    return path;
  }

  /** Deletes a downloaded copy; a local file given on the command line is left alone. */
  @Override
  public void close() {
    downloadDir.ifPresent(
        dir -> {
          try {
            Files.deleteIfExists(path);
            Files.deleteIfExists(dir);
          } catch (IOException ignored) {
            // Best effort: a leftover copy is ciphertext only, in a directory only we can read.
          }
        });
  }
}
