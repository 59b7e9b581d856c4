package io.spike.pilot.operator;

import io.spike.pilot.cli.CommandGroup;
import picocli.CommandLine.Command;

/**
 * {@code spike operator}: break-glass recovery, password escrow, key rotation and factory reset.
 */
@Command(
    name = "operator",
    description = {
      "Break-glass recovery and key management of Nexus.",
      "recover (write recovery shards), restore (feed them back), unseal --password,",
      "escrow enable, rotate-keys, rotate-root, reencrypt, reset (offline)."
    },
    subcommands = {
      OperatorRecover.class,
      OperatorRestore.class,
      OperatorVerifyShard.class,
      OperatorUnseal.class,
      EscrowCommand.class,
      OperatorRotateKeys.class,
      OperatorRotateRoot.class,
      OperatorReencrypt.class,
      OperatorReset.class
    })
public final class OperatorCommand extends CommandGroup {}
