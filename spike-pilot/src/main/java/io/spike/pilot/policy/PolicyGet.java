package io.spike.pilot.policy;

import io.spike.api.NexusClient;
import io.spike.api.wire.Policy;
import io.spike.pilot.cli.NexusCommand;
import io.spike.pilot.cli.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code spike policy get N}: one policy, and exactly what Nexus enforces of it. */
@Command(name = "get", description = "Show the policy called <name>.")
final class PolicyGet extends NexusCommand {
  @Mixin private PolicyNameParam name;

  @Override
  protected String attempt() {
    return "read policy " + name.get();
  }

  @Override
  protected void run(NexusClient nexus, Output out) {
    Policy policy = nexus.getPolicy(name.get());
    out.show(policy, () -> human(policy));
  }

  /** {@code field: value} lines. */
  static String human(Policy p) {
    return "id:               "
        + p.id()
        + "\n"
        + "name:             "
        + p.name()
        + "\n"
        + "spiffeid pattern: "
        + p.spiffeidPattern()
        + "\n"
        + "path pattern:     "
        + p.pathPattern()
        + "\n"
        + "permissions:      "
        + String.join(", ", p.permissions())
        + "\n"
        + (p.createdAt() == null ? "" : "created:          " + p.createdAt() + "\n")
        + p.enforced()
            .map(
                e ->
                    "enforced:         the whole SPIFFE ID matches "
                        + e.spiffeid()
                        + "\n"
                        + "                  and the whole path matches "
                        + e.path()
                        + "\n"
                        + "system paths:     "
                        + (e.systemPaths().isEmpty()
                            ? "none (only a path pattern that starts with "
                                + "spike/system/... grants them)"
                            : String.join(", ", e.systemPaths()))
                        + "\n")
            .orElse("");
  }
}
