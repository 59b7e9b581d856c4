package io.spike.pilot.secret;

import io.spike.api.NexusClient;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code spike secret delete <path> [-v 1,2]}: soft-deletes versions (the current one by default).
 */
@Command(
    name = "delete",
    description =
        "Soft-delete versions of the secret at <path> (the current one by default); undelete restores them.")
final class SecretDelete extends SecretVersionsCommand {

  @Override
  String verb() {
    return "delete";
  }

  @Override
  void call(NexusClient nexus, String path, List<Integer> versions) {
    nexus.deleteSecret(path, versions);
  }
}
