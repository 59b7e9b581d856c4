package io.spike.pilot.policy;

import picocli.CommandLine.Parameters;

/** The {@code <name>} parameter of the commands that act on one policy. */
final class PolicyNameParam {
  @Parameters(index = "0", paramLabel = "<name>", description = "Policy name (its id).")
  private String name;

  /** The name as given. */
  String get() {
    return name;
  }
}
