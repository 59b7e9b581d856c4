package io.spike.pilot.secret;

import io.spike.pilot.cli.VersionList;
import picocli.CommandLine.Option;

/** The {@code -v N} option of the commands that read one version of a secret. */
final class VersionOption {
  @Option(
      names = "-v",
      paramLabel = "N",
      converter = VersionList.Single.class,
      description = "Version to read (default: current).")
  private int version;

  /** The version asked for; 0 for the current one. */
  int get() {
    return version;
  }
}
