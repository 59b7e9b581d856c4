package io.spike.pilot.policy;

import io.spike.pilot.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code spike policy}: the group of policy commands. */
@Command(
    name = "policy",
    description = "Manage access policies: which SPIFFE IDs may do what on which secret paths.",
    subcommands = {
      PolicyCreate.class,
      PolicyApply.class,
      PolicyGet.class,
      PolicyList.class,
      PolicyDelete.class
    })
public final class PolicyCommand extends CommandGroup {}
