package io.spike.pilot.policy;

import io.spike.api.NexusClient;
import io.spike.api.wire.PolicyIdResponse;
import io.spike.api.wire.PolicyPutRequest;
import io.spike.pilot.cli.NexusCommand;
import io.spike.pilot.cli.Output;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spike policy create --name N --spiffeid-pattern RE --path-pattern RE --permissions
 * read,...}.
 */
@Command(
    name = "create",
    description = {
      "Create the policy <name>, or replace it if it exists.",
      "Callers whose SPIFFE ID matches --spiffeid-pattern get --permissions on paths matching --path-pattern."
    })
final class PolicyCreate extends NexusCommand {
  @Option(names = "--name", required = true, paramLabel = "N", description = "Policy name.")
  private String name;

  @Option(
      names = "--spiffeid-pattern",
      required = true,
      paramLabel = "RE",
      description =
          "Regular expression for callers' SPIFFE IDs, e.g. '^spiffe://spike.ist/web/.*$'.")
  private String spiffeidPattern;

  @Option(
      names = "--path-pattern",
      required = true,
      paramLabel = "RE",
      description = "Regular expression for secret paths, e.g. '^apps/web/.*$'.")
  private String pathPattern;

  @Option(
      names = "--permissions",
      required = true,
      split = ",",
      paramLabel = "P",
      description = "Comma-separated: read, write, list, execute, super.")
  private List<String> permissions;

  private PolicyPutRequest request;

  @Override
  protected void validate() {
    request = new PolicySpec(name, spiffeidPattern, pathPattern, permissions).toRequest();
  }

  @Override
  protected String attempt() {
    return "write policy " + name;
  }

  @Override
  protected void run(NexusClient nexus, Output out) {
    String id = nexus.putPolicy(request);
    out.show(new PolicyIdResponse(id), () -> "policy " + name + " written (id " + id + ")");
  }
}
