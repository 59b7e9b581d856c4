package io.spike.pilot.secret;

import io.spike.pilot.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code spike secret}: the group of secret commands. */
@Command(
    name = "secret",
    description = "Store, read, list, delete and undelete versioned secrets.",
    subcommands = {
      SecretPut.class,
      SecretGet.class,
      SecretList.class,
      SecretDelete.class,
      SecretUndelete.class,
      SecretMetadataCommand.class
    })
public final class SecretCommand extends CommandGroup {}
