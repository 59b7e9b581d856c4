package io.spike.pilot.dev;

import io.spike.pilot.cli.CliCommand;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code spike dev start nexus|keeper-<N>|postgres}: starts one component in the background and
 * waits until it accepts connections (not until Nexus unseals: it does that by itself from the
 * keepers).
 */
@Command(
    name = "start",
    description =
        "Start one component (nexus, keeper-<N>, or postgres when dev runs it) of an existing local cluster in the background.")
final class DevStart extends CliCommand {
  @Mixin private ComponentParam component;

  @Mixin private DirOption dir = new DirOption();

  @Override
  public Integer call() {
    DevLayout layout = dir.layout();
    ClusterShape shape = dir.shape();
    Component c = component.in(shape);
    layout.createDirectories();
    DevPki.ensure(layout, shape);
    DevCluster cluster = new DevCluster(layout, shape, ctx().env(), ctx().err());
    Optional<ProcessHandle> started = cluster.startIfStopped(c);
    if (started.isEmpty()) {
      ctx().out().println(c.name() + " is already running");
      return 0;
    }
    cluster.awaitListening(c);
    ctx().out().println(c.name() + " started (pid " + started.get().pid() + ")");
    return 0;
  }
}
