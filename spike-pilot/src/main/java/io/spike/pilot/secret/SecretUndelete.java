package io.spike.pilot.secret;

import io.spike.api.NexusClient;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code spike secret undelete <path> [-v 1,2]}: restores soft-deleted versions. */
@Command(
    name = "undelete",
    description =
        "Restore soft-deleted versions of the secret at <path> (the current one by default).")
final class SecretUndelete extends SecretVersionsCommand {

  @Override
  String verb() {
    return "undelete";
  }

  @Override
  void call(NexusClient nexus, String path, List<Integer> versions) {
    nexus.undeleteSecret(path, versions);
  }
}
