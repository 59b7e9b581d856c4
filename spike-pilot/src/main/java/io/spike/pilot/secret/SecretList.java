package io.spike.pilot.secret;

import io.spike.api.NexusClient;
import io.spike.api.wire.SecretListResponse;
import io.spike.pilot.cli.NexusCommand;
import io.spike.pilot.cli.Output;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code spike secret list}: every path that has a live version. */
@Command(
    name = "list",
    description =
        "List every secret path that has a live version, one per line (-f json/yaml: {keys: [...]}).")
final class SecretList extends NexusCommand {

  @Override
  protected String attempt() {
    return "list secrets";
  }

  @Override
  protected void run(NexusClient nexus, Output out) {
    List<String> keys = nexus.listSecrets();
    out.show(
        new SecretListResponse(keys), () -> keys.isEmpty() ? "" : String.join("\n", keys) + "\n");
  }
}
