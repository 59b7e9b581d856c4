package io.spike.pilot.operator;

import io.spike.pilot.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code spike operator escrow}: the group of password escrow commands. */
@Command(
    name = "escrow",
    description =
        "Password escrow: the root key wrapped under an admin password, for spike operator unseal --password.",
    subcommands = {EscrowEnable.class})
final class EscrowCommand extends CommandGroup {}
