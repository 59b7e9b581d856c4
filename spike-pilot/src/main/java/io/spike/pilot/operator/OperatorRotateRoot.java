package io.spike.pilot.operator;

import io.spike.api.ApiException;
import io.spike.api.ErrorCode;
import io.spike.api.NexusClient;
import io.spike.api.wire.RotateRequest;
import io.spike.identity.Role;
import io.spike.pilot.cli.Outcome;
import io.spike.pilot.cli.Output;
import picocli.CommandLine.Command;

/**
 * {@code spike operator rotate-root}: Nexus makes a new root key, re-wraps its keyring and pushes
 * new shards to every keeper (superuser). Every recovery shard written before is void afterwards,
 * and the password escrow is gone: the output says so, loudly, with what to run next.
 */
@Command(
    name = "rotate-root",
    description = {
      "Replace the root key: the keyring is re-wrapped and every keeper gets a new shard.",
      "Every earlier recovery shard becomes void and password escrow is removed: run",
      "spike operator recover (and escrow enable) again right after. Needs the superuser identity."
    })
final class OperatorRotateRoot extends RoleCommand {
  static final String AFTERMATH =
      "EVERY earlier recovery shard is now void, and password escrow (if it was enabled)"
          + " was removed.\nRun spike operator recover now (recover identity) and store the new shards offline;"
          + " enable escrow again if you use it.";

  OperatorRotateRoot() {
    super("rotate the root key", Role.SUPERUSER);
  }

  @Override
  protected void run(NexusClient nexus, Output out) {
    nexus.rotate(new RotateRequest("root"));
    out.show(
        new Outcome("rotated", "root key"),
        () ->
            "root key rotated: the keyring is re-wrapped and the keepers hold the new shards.\n"
                + AFTERMATH);
    if (!out.human()) {
      ctx().err().println("spike: warning: " + AFTERMATH.replace('\n', ' '));
    }
  }

  @Override
  protected String refusal(ApiException e) {
    return e.code() == ErrorCode.NOT_READY
        ? OperatorErrors.refused(
            e,
            "rotate the root key",
            "every keeper must be reachable and"
                + " Nexus unsealed; start the missing keepers (spike status lists them) and retry")
        : null;
  }
}
