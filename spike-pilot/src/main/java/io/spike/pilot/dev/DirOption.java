package io.spike.pilot.dev;

import io.spike.pilot.cli.CliFailure;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --dir D} option every {@code dev} command shares (default {@code ./.spike-dev}). */
final class DirOption {
  @Option(
      names = "--dir",
      paramLabel = "D",
      defaultValue = DevLayout.DEFAULT_DIR,
      description = "State directory of the local cluster (default: ${DEFAULT-VALUE}).")
  private Path dir = Path.of(DevLayout.DEFAULT_DIR);

  DevLayout layout() {
    return new DevLayout(dir);
  }

  /**
   * The recorded shape of the cluster in D; a {@link CliFailure} when {@code dev up} never ran
   * there.
   */
  ClusterShape shape() {
    DevLayout layout = layout();
    if (!layout.exists()) {
      throw new CliFailure("no dev cluster in " + layout.dir() + "; run ./spike dev up first");
    }
    return ClusterShape.read(layout.clusterFile());
  }
}
