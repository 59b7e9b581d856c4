package io.spike.pilot.dev;

import io.spike.pilot.cli.CliCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code spike dev stop nexus|keeper-<N>|postgres}: SIGTERM, wait, then SIGKILL after 15 s. */
@Command(
    name = "stop",
    description =
        "Stop one component (nexus, keeper-<N>, or postgres when dev runs it) of the local cluster; its data is kept.")
final class DevStop extends CliCommand {
  @Parameters(
      index = "0",
      paramLabel = "nexus|keeper-<N>|postgres",
      description = "The component to stop.")
  private String component;

  @Mixin private DirOption dir = new DirOption();

  @Override
  public Integer call() {
    Component c = Component.parse(component, dir.shape());
    boolean stopped = new Processes(dir.layout(), ctx().env()).stop(c);
    ctx().out().println(c.name() + (stopped ? " stopped" : " is not running"));
    return 0;
  }
}
