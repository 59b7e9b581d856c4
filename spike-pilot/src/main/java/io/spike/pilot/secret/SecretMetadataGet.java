package io.spike.pilot.secret;

import io.spike.api.NexusClient;
import io.spike.api.wire.SecretMetadataResponse;
import io.spike.pilot.cli.NexusCommand;
import io.spike.pilot.cli.Output;
import java.util.Comparator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code spike secret metadata get <path> [-v N]}: versions and timestamps, never values. */
@Command(
    name = "get",
    description = "Show the versions of the secret at <path> and when each was created or deleted.")
final class SecretMetadataGet extends NexusCommand {
  @Mixin private SecretPathParam path;

  @Mixin private VersionOption version;

  @Override
  protected String attempt() {
    return "read the metadata of " + path.get();
  }

  @Override
  protected void run(NexusClient nexus, Output out) {
    SecretMetadataResponse metadata = nexus.secretMetadata(path.get(), version.get());
    out.show(metadata, () -> human(path.get(), metadata));
  }

  /** A block of {@code name: value} lines, then one line per version in order. */
  static String human(String path, SecretMetadataResponse r) {
    StringBuilder b = new StringBuilder();
    b.append("path:            ").append(path).append('\n');
    SecretMetadataResponse.Metadata m = r.metadata();
    if (m != null) {
      b.append("current version: ").append(m.currentVersion()).append('\n');
      b.append("oldest version:  ").append(m.oldestVersion()).append('\n');
      b.append("created:         ").append(m.createdTime()).append('\n');
      b.append("updated:         ").append(m.updatedTime()).append('\n');
      b.append("max versions:    ").append(m.maxVersions()).append('\n');
    }
    b.append("versions:\n");
    r.versions().values().stream()
        .sorted(Comparator.comparingInt(SecretMetadataResponse.VersionInfo::version))
        .forEach(
            v ->
                b.append("  ")
                    .append(v.version())
                    .append("  created ")
                    .append(v.createdTime())
                    .append(v.deletedTime().map(t -> "  deleted " + t).orElse(""))
                    .append('\n'));
    return b.toString();
  }
}
