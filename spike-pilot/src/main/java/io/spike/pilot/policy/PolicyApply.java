package io.spike.pilot.policy;

import io.spike.api.NexusClient;
import io.spike.api.wire.PolicyIdResponse;
import io.spike.api.wire.PolicyPutRequest;
import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.NexusCommand;
import io.spike.pilot.cli.Output;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spike policy apply --file F}: creates or replaces the policy a SPIKE policy file
 * describes.
 */
@Command(
    name = "apply",
    description = {
      "Create or replace the policy described by a YAML or JSON file.",
      "The file has the keys name, spiffeidPattern, pathPattern and permissions",
      "(a list, or one comma-separated string)."
    })
final class PolicyApply extends NexusCommand {
  @Option(
      names = "--file",
      required = true,
      paramLabel = "F",
      description = "Policy file (YAML or JSON).")
  private Path file;

  private PolicyPutRequest request;

  @Override
  protected void validate() {
    try {
      request = PolicyFile.read(file).toRequest();
    } catch (NoSuchFileException e) {
      throw new CliFailure("cannot read policy file " + file + ": it does not exist");
    } catch (IOException e) {
      throw new CliFailure("cannot read policy file " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  protected String attempt() {
    return "write policy " + request.name();
  }

  @Override
  protected void run(NexusClient nexus, Output out) {
    String id = nexus.putPolicy(request);
    out.show(
        new PolicyIdResponse(id), () -> "policy " + request.name() + " applied (id " + id + ")");
  }
}
