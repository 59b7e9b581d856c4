package io.spike.pilot.dev;

import io.spike.api.wire.StatusResponse;
import io.spike.pilot.cli.CliCommand;
import io.spike.pilot.cli.CliFailure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spike dev up}: makes the dev CA and SVIDs (keeping existing ones), starts the keepers and
 * Nexus that are not running, bootstraps when Nexus has no root key (first run, or a store emptied
 * by {@code spike operator reset}; see {@link DevUpStep}), waits until Nexus is unsealed, prints
 * the superuser's {@code export} lines on stdout, then stays in the foreground until Ctrl-C
 * (stopping what it started) or, with {@code --detach}, returns.
 */
@Command(
    name = "up",
    description = {
      "Start the local cluster (keepers, Nexus, bootstrap on first run).",
      "Prints the superuser's export lines. On an existing directory, restart what is not running;",
      "data is kept.",
      "Stays in the foreground until Ctrl-C unless --detach. Progress goes to stderr, so",
      "eval \"$(spike dev up --detach)\" works."
    })
final class DevUp extends CliCommand {
  @Mixin private DirOption dir = new DirOption();

  @Option(
      names = "--detach",
      description = "Return once the cluster is ready; the processes keep running.")
  private boolean detach;

  @Option(
      names = "--keepers",
      paramLabel = "N",
      description = "Number of keepers (= Shamir shares; default 3).")
  private Integer keepers;

  @Option(
      names = "--threshold",
      paramLabel = "T",
      description = "Shards needed to rebuild the root key (default 2).")
  private Integer threshold;

  @Option(
      names = "--backend",
      paramLabel = "sqlite|postgres|memory",
      description = {
        "Nexus backend (default sqlite). postgres uses SPIKE_NEXUS_DB_URL when set, else an embedded",
        "PostgreSQL that dev runs itself (component postgres, data in D/postgres, port 8555)."
      })
  private String backend;

  @Override
  public Integer call() throws InterruptedException {
    DevLayout layout = dir.layout();
    ClusterShape shape = DevShapeResolver.resolve(layout, keepers, threshold, backend, ctx().env());
    layout.createDirectories();
    shape.write(layout.clusterFile());
    DevPki.ensure(layout, shape);
    DevCluster cluster = new DevCluster(layout, shape, ctx().env(), ctx().err());
    Map<Component, ProcessHandle> started = cluster.startMissing();
    if (!detach) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(started), "spike-dev-stop"));
    }
    try (Probes probes = new Probes(layout)) {
      StatusResponse status = cluster.awaitStatus(probes);
      boolean allKeepersNew =
          started.keySet().stream().filter(Component::isKeeper).count() == shape.keepers();
      switch (DevUpStep.of(status, allKeepersNew)) {
        case BOOTSTRAP:
          cluster.bootstrap();
          break;
        case NEEDS_RESTORE:
          throw new CliFailure(cluster.shardsLost());
        case AWAIT_UNSEAL:
        default:
          break;
      }
      cluster.awaitReady();
    }
    ctx().out().print(ExportLines.of(layout, "superuser"));
    ctx().out().flush();
    ctx()
        .err()
        .println(
            "spike dev: ready. Nexus "
                + ExportLines.NEXUS_URL
                + ", "
                + shape.keepers()
                + " keepers, threshold "
                + shape.threshold()
                + ", "
                + backendLabel(shape)
                + ", state in "
                + layout.dir());
    ctx()
        .err()
        .println(
            "spike dev: next: eval \"$(./spike dev env"
                + dirArgument(layout)
                + ")\" then e.g."
                + " ./spike secret put apps/web/db user=u pass=p");
    if (detach) {
      ctx().err().println("spike dev: stop with ./spike dev down" + dirArgument(layout));
      return 0;
    }
    ctx()
        .err()
        .println("spike dev: running in the foreground; Ctrl-C stops what this command started");
    watch(started, layout);
    return 0;
  }

  private void watch(Map<Component, ProcessHandle> started, DevLayout layout)
      throws InterruptedException {
    Set<Component> reported = new HashSet<>();
    while (true) {
      Thread.sleep(1000);
      started.forEach(
          (c, h) -> {
            if (!h.isAlive() && reported.add(c)) {
              ctx()
                  .err()
                  .println(
                      "spike dev: "
                          + c.name()
                          + " (pid "
                          + h.pid()
                          + ") exited; see "
                          + layout.log(c.name()));
            }
          });
    }
  }

  private void stopAll(Map<Component, ProcessHandle> started) {
    List<Component> order = new ArrayList<>(started.keySet());
    Collections.reverse(order);
    for (Component c : order) {
      ProcessHandle h = started.get(c);
      if (h.isAlive()) {
        Processes.terminate(h);
        ctx().err().println("spike dev: stopped " + c.name());
      }
    }
  }

  private static String backendLabel(ClusterShape shape) {
    return shape.embeddedPostgres()
        ? "postgres (embedded, " + ClusterShape.embeddedPostgresUrl() + ")"
        : shape.backend();
  }

  private static String dirArgument(DevLayout layout) {
    DevLayout defaultLayout = new DevLayout(Path.of(DevLayout.DEFAULT_DIR));
    return layout.equals(defaultLayout)
        ? ""
        : " --dir " + ExportLines.quote(layout.dir().toString());
  }
}
