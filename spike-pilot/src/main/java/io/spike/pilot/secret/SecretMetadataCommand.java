package io.spike.pilot.secret;

import io.spike.pilot.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code spike secret metadata}: the group holding {@code get}. */
@Command(
    name = "metadata",
    description = "Versions and timestamps of a secret.",
    subcommands = SecretMetadataGet.class)
final class SecretMetadataCommand extends CommandGroup {}
