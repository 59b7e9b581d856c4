package io.spike.pilot.dev;

import io.spike.pilot.cli.CliCommand;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code spike dev down}: stops Nexus, then every keeper. Keeps CA, SVIDs and data. */
@Command(
    name = "down",
    description =
        "Stop every component of the local cluster (Nexus first). The directory and its data stay.")
final class DevDown extends CliCommand {
  @Mixin private DirOption dir = new DirOption();

  @Override
  public Integer call() {
    DevLayout layout = dir.layout();
    if (!layout.exists()) {
      ctx().out().println("no dev cluster in " + layout.dir() + "; nothing to stop");
      return 0;
    }
    ClusterShape shape = dir.shape();
    List<Component> order = new ArrayList<>(Component.all(shape));
    Collections.reverse(order);
    Processes processes = new Processes(layout, ctx().env());
    int stopped = 0;
    for (Component c : order) {
      if (processes.stop(c)) {
        ctx().out().println(c.name() + " stopped");
        stopped++;
      }
    }
    if (stopped == 0) {
      ctx().out().println("nothing was running in " + layout.dir());
    } else if (!"memory".equals(shape.backend())) {
      ctx()
          .err()
          .println(
              "spike dev: note: keepers hold the root key's shards in memory only; with all of them"
                  + " stopped, the next dev up needs spike operator restore (recovery shards) to unseal, or start over"
                  + " with "
                  + DevCluster.startOver(layout, shape));
    }
    return 0;
  }
}
