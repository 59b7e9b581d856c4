package io.spike.pilot;

import io.spike.pilot.audit.AuditCommand;
import io.spike.pilot.cipher.CipherCommand;
import io.spike.pilot.cli.CommandGroup;
import io.spike.pilot.cli.OutputChoice;
import io.spike.pilot.cli.OutputFormat;
import io.spike.pilot.cli.StatusCommand;
import io.spike.pilot.dev.DevCommand;
import io.spike.pilot.drill.DrillCommand;
import io.spike.pilot.operator.OperatorCommand;
import io.spike.pilot.policy.PolicyCommand;
import io.spike.pilot.secret.SecretCommand;
import io.spike.pilot.snapshot.SnapshotCommand;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root {@code spike} command: owns {@code -f}, which every subcommand inherits. */
@Command(
    name = "spike",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    version = "spike 0.1.0",
    description = {
      "The SPIKE operator CLI.",
      "Identity: SPIKE_SVID_CERT, SPIKE_SVID_KEY, SPIKE_TRUST_BUNDLE (or SPIFFE_ENDPOINT_SOCKET);",
      "Nexus: SPIKE_NEXUS_API_URL (default https://localhost:8553).",
      "Exit codes: 0 success, 1 refused or failed, 2 bad usage. SPIKE_DEBUG=1 adds stack traces."
    })
final class SpikeCommand extends CommandGroup implements OutputChoice {
  /**
   * The subcommands, in help order. Not in {@code @Command(subcommands)}: {@link SpikeCli} adds
   * them, only the one a command line names when it names one (picocli builds a reflection model of
   * every command it is given, about 0.1 s for the whole tree).
   */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
          SecretCommand.class,
          PolicyCommand.class,
          CipherCommand.class,
          OperatorCommand.class,
          StatusCommand.class,
          SnapshotCommand.class,
          AuditCommand.class,
          DrillCommand.class,
          DevCommand.class);

  @Option(
      names = {"-f", "--format"},
      scope = ScopeType.INHERIT,
      paramLabel = "human|json|yaml",
      description = "Output format: human (default), json or yaml.")
  private OutputFormat format = OutputFormat.HUMAN;

  @Override
  public OutputFormat format() {
    return format;
  }
}
