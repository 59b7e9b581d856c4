package io.spike.pilot.secret;

import io.spike.api.NexusClient;
import io.spike.pilot.cli.NexusCommand;
import io.spike.pilot.cli.Outcome;
import io.spike.pilot.cli.Output;
import io.spike.pilot.cli.VersionList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Shared shape of {@code delete} and {@code undelete}: a path and an optional {@code -v} version
 * list.
 */
abstract class SecretVersionsCommand extends NexusCommand {
  @Mixin private SecretPathParam path;

  @Option(
      names = {"-v", "--versions"},
      paramLabel = "1,2",
      converter = VersionList.class,
      description =
          "Comma-separated versions (default: the current version; 0 also means current).")
  private List<Integer> versions = List.of();

  /** The verb of the route, e.g. {@code delete}. */
  abstract String verb();

  /** Calls the route. */
  abstract void call(NexusClient nexus, String path, List<Integer> versions);

  @Override
  protected String attempt() {
    return verb() + " " + path.get();
  }

  @Override
  protected void run(NexusClient nexus, Output out) {
    call(nexus, path.get(), versions);
    Outcome done = new Outcome(verb() + "d", path.get(), versions);
    out.show(done, done::human);
  }
}
