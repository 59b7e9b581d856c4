package io.spike.pilot.policy;

import io.spike.api.NexusClient;
import io.spike.pilot.cli.NexusCommand;
import io.spike.pilot.cli.Outcome;
import io.spike.pilot.cli.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code spike policy delete N}. */
@Command(name = "delete", description = "Delete the policy called <name>.")
final class PolicyDelete extends NexusCommand {
  @Mixin private PolicyNameParam name;

  @Override
  protected String attempt() {
    return "delete policy " + name.get();
  }

  @Override
  protected void run(NexusClient nexus, Output out) {
    nexus.deletePolicy(name.get());
    Outcome done = new Outcome("deleted policy", name.get());
    out.show(done, done::human);
  }
}
