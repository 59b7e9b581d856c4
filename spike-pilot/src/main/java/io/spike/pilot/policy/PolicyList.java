package io.spike.pilot.policy;

import io.spike.api.NexusClient;
import io.spike.api.wire.PolicyListRequest;
import io.spike.api.wire.PolicyListResponse;
import io.spike.pilot.cli.NexusCommand;
import io.spike.pilot.cli.Output;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spike policy list}: every policy's name, optionally filtered by exact pattern. */
@Command(
    name = "list",
    description = "List policies by name, one per line (-f json/yaml: {policies: [{id, name}]}).")
final class PolicyList extends NexusCommand {
  @Option(
      names = "--spiffeid-pattern",
      paramLabel = "RE",
      description = "Only policies with exactly this SPIFFE ID pattern.")
  private String spiffeidPattern;

  @Option(
      names = "--path-pattern",
      paramLabel = "RE",
      description = "Only policies with exactly this path pattern.")
  private String pathPattern;

  @Override
  protected String attempt() {
    return "list policies";
  }

  @Override
  protected void run(NexusClient nexus, Output out) {
    PolicyListResponse list =
        nexus.listPolicies(
            new PolicyListRequest(
                Optional.ofNullable(spiffeidPattern), Optional.ofNullable(pathPattern)));
    out.show(list, () -> human(list));
  }

  /** One name per line. */
  static String human(PolicyListResponse list) {
    return list.policies().stream().map(p -> p.name() + "\n").collect(Collectors.joining());
  }
}
