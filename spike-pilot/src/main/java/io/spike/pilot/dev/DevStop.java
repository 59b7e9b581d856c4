package io.spike.pilot.dev;

import io.spike.pilot.cli.CliCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code spike dev stop nexus|keeper-<N>|postgres}: SIGTERM, wait, then SIGKILL after 15 s. */
@Command(
    name = "stop",
    description =
        "Stop one component (nexus, keeper-<N>, or postgres when dev runs it) of the local cluster; its data is kept.")
final class DevStop extends CliCommand {
  @Mixin private ComponentParam component;

  @Mixin private DirOption dir = new DirOption();

  @Override
  public Integer call() {
    Component c = component.in(dir.shape());
    boolean stopped = new Processes(dir.layout(), ctx().env()).stop(c);
    ctx().out().println(c.name() + (stopped ? " stopped" : " is not running"));
    return 0;
  }
}
