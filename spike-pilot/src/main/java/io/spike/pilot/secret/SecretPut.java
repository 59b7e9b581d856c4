package io.spike.pilot.secret;

import io.spike.api.NexusClient;
import io.spike.pilot.cli.KeyValues;
import io.spike.pilot.cli.NexusCommand;
import io.spike.pilot.cli.Outcome;
import io.spike.pilot.cli.Output;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code spike secret put <path> <k=v>...}: writes a new version of a secret. */
@Command(
    name = "put",
    description = {
      "Write a new version of the secret at <path> holding the given key=value pairs.",
      "A value may contain '='; only the first '=' separates key and value."
    })
final class SecretPut extends NexusCommand {
  @Mixin private SecretPathParam path;

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "<k=v>",
      description = "Key=value pairs.")
  private List<String> pairs;

  private Map<String, String> values;

  @Override
  protected void validate() {
    values = KeyValues.parse(pairs);
  }

  @Override
  protected String attempt() {
    return "write " + path.get();
  }

  @Override
  protected void run(NexusClient nexus, Output out) {
    nexus.putSecret(path.get(), values);
    Outcome done = new Outcome("stored", path.get());
    out.show(done, done::human);
  }
}
