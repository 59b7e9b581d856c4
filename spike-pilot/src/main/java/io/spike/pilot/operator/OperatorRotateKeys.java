package io.spike.pilot.operator;

import io.spike.api.NexusClient;
import io.spike.api.wire.RotateRequest;
import io.spike.identity.Role;
import io.spike.pilot.cli.Outcome;
import io.spike.pilot.cli.Output;
import picocli.CommandLine.Command;

/**
 * {@code spike operator rotate-keys}: Nexus adds a data-key term to its keyring online (superuser).
 * New writes use it; existing data stays readable under the older terms. Recovery shards stay
 * valid: the root key is unchanged.
 */
@Command(
    name = "rotate-keys",
    description = {
      "Add a new data-key term to Nexus's keyring (online).",
      "New writes use it; older data still reads. Recovery shards stay valid.",
      "Needs the superuser identity."
    })
final class OperatorRotateKeys extends RoleCommand {

  OperatorRotateKeys() {
    super("rotate the data keys", Role.SUPERUSER);
  }

  @Override
  protected void run(NexusClient nexus, Output out) {
    nexus.rotate(new RotateRequest("keys"));
    out.show(new Outcome("rotated", "data keys"), () -> "data keys rotated");
  }
}
