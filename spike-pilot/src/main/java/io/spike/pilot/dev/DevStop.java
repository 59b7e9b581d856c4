package io.spike.pilot.dev;

import io.spike.pilot.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code spike dev stop nexus|keeper-<N>|postgres}: SIGTERM, wait, then SIGKILL after 15 s. */
@Command(
    name = "stop",
    mixinStandardHelpOptions = true,
    description =
        "Stop one component (nexus, keeper-<N>, or postgres when dev runs it) of the local cluster; its data is kept.")
final class DevStop implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "nexus|keeper-<N>|postgres",
      description = "The component to stop.")
  private String component;

  @Mixin private DirOption dir = new DirOption();

  private final CliContext ctx;

  DevStop(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Component c = Component.parse(component, dir.shape());
    boolean stopped = new Processes(dir.layout(), ctx.env()).stop(c);
    ctx.out().println(c.name() + (stopped ? " stopped" : " is not running"));
    return 0;
  }
}
