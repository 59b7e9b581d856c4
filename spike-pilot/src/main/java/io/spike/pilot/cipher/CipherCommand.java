package io.spike.pilot.cipher;

import io.spike.pilot.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code spike cipher}: encryption as a service, under Nexus's keys. */
@Command(
    name = "cipher",
    description = "Encrypt and decrypt data with Nexus's keys without storing it.",
    subcommands = {CipherEncrypt.class, CipherDecrypt.class})
public final class CipherCommand extends CommandGroup {}
