package io.spike.pilot.dev;

import io.spike.pilot.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code spike dev}: the embedded local cluster (dev CA, keepers, Nexus, all on loopback). */
@Command(
    name = "dev",
    description = {
      "Run a local SPIKE cluster on loopback, with a built-in development CA.",
      "State lives in one directory (--dir, default ./.spike-dev): ca/, svid/, data/, logs/, *.pid."
    },
    subcommands = {
      DevUp.class,
      DevStart.class,
      DevStop.class,
      DevDown.class,
      DevEnv.class,
      DevIssue.class
    })
public final class DevCommand extends CommandGroup {}
