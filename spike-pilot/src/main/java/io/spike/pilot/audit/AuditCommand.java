package io.spike.pilot.audit;

import io.spike.pilot.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code spike audit}: work with the Nexus audit log. */
@Command(
    name = "audit",
    description = "Check the Nexus audit log (hash-chained JSON lines).",
    subcommands = {AuditVerify.class})
public final class AuditCommand extends CommandGroup {}
