package io.spike.pilot.dev;

import io.spike.pilot.cli.CliCommand;
import io.spike.pilot.cli.CliFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spike dev env [--role superuser|recover|restore]}: prints exactly four lines, {@code
 * export SPIKE_SVID_CERT=...}, {@code SPIKE_SVID_KEY}, {@code SPIKE_TRUST_BUNDLE} and {@code
 * SPIKE_NEXUS_API_URL}, for {@code eval}.
 */
@Command(
    name = "env",
    description = {
      "Print the export lines that give this shell a pilot identity of the local cluster.",
      "Use: eval \"$(spike dev env)\"."
    })
final class DevEnv extends CliCommand {
  /** The pilot roles a shell can take. */
  enum PilotRole {
    SUPERUSER,
    RECOVER,
    RESTORE
  }

  @Mixin private DirOption dir = new DirOption();

  @Option(
      names = "--role",
      paramLabel = "superuser|recover|restore",
      defaultValue = "superuser",
      description = "Which pilot identity (default: ${DEFAULT-VALUE}).")
  private PilotRole role = PilotRole.SUPERUSER;

  @Override
  public Integer call() {
    DevLayout layout = dir.layout();
    String name = role.name().toLowerCase(Locale.ROOT);
    for (Path p : new Path[] {layout.cert(name), layout.key(name), layout.bundle()}) {
      if (!Files.isRegularFile(p)) {
        throw new CliFailure(
            "no dev cluster in " + layout.dir() + " (missing " + p + "); run ./spike dev up first");
      }
    }
    ctx().out().print(ExportLines.of(layout, name));
    ctx().out().flush();
    return 0;
  }
}
