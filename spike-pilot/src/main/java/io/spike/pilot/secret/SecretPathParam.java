package io.spike.pilot.secret;

import io.spike.pilot.cli.CheckedArgument;
import picocli.CommandLine.Parameters;

/** The {@code <path>} parameter every secret command starts with, checked locally before use. */
final class SecretPathParam implements CheckedArgument {
  @Parameters(index = "0", paramLabel = "<path>", description = "Secret path, e.g. apps/web/db.")
  private String path;

  /** A usage error (exit 2) if Nexus would refuse the path. */
  @Override
  public void check() {
    SecretPath.check(path);
  }

  /** The path as given. */
  String get() {
    return path;
  }
}
