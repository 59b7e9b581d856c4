package io.spike.pilot.secret;

import io.spike.api.NexusClient;
import io.spike.api.wire.SecretGetResponse;
import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.NexusCommand;
import io.spike.pilot.cli.Output;
import io.spike.pilot.cli.OutputFormat;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code spike secret get <path> [key] [-v N]}: reads a version of a secret, or one value of it.
 */
@Command(
    name = "get",
    description = {
      "Read the secret at <path> (current version unless -v).",
      "With <key>, print only that value, raw, followed by a newline (in -f json/yaml: {key: value}).",
      "Without, print 'key: value' lines sorted by key (in -f json/yaml: the data map)."
    })
final class SecretGet extends NexusCommand {
  @Mixin private SecretPathParam path;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "<key>",
      description = "Print only this key's value.")
  private String key;

  @Mixin private VersionOption version;

  @Override
  protected String attempt() {
    return "read " + path.get() + (version.get() > 0 ? " version " + version.get() : "");
  }

  @Override
  protected void run(NexusClient nexus, Output out) {
    SecretGetResponse secret = nexus.getSecret(path.get(), version.get());
    Map<String, String> data = new TreeMap<>(secret.data());
    if (key == null) {
      out.show(data, () -> human(data));
      return;
    }
    String value = data.get(key);
    if (value == null) {
      throw new CliFailure(
          path.get()
              + " (version "
              + secret.version()
              + ") has no key '"
              + key
              + "'; its keys are: "
              + String.join(", ", data.keySet()));
    }
    if (out.format() == OutputFormat.HUMAN) {
      ctx().out().print(value + "\n");
      ctx().out().flush();
    } else {
      out.show(Map.of(key, value), () -> value);
    }
  }

  /** {@code key: value} lines in key order. */
  static String human(Map<String, String> data) {
    StringBuilder b = new StringBuilder();
    new TreeMap<>(data).forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
    return b.toString();
  }
}
