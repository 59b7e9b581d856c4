package io.spike.pilot.dev;

import io.spike.identity.DevCa;
import io.spike.identity.SpiffeId;
import io.spike.pilot.cli.CliCommand;
import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.UsageException;
import java.nio.file.Files;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code spike dev issue <spiffe id>}: a workload SVID from the dev CA, written to {@code
 * D/svid/<name>.crt|.key} (the ID's path with {@code /} as {@code _}; prefixed {@code workload_} if
 * that would be a cluster identity's file), then the four export lines for it.
 */
@Command(
    name = "issue",
    description = {
      "Issue an SVID for <spiffe id> from the local cluster's dev CA and print its export lines.",
      "The ID must be in the cluster's trust domain, e.g. spiffe://spike.ist/apps/web."
    })
final class DevIssue extends CliCommand {
  @Parameters(index = "0", paramLabel = "<spiffe id>", description = "The workload's SPIFFE ID.")
  private String spiffeId;

  @Mixin private DirOption dir = new DirOption();

  @Override
  public Integer call() {
    SpiffeId id;
    try {
      id = SpiffeId.parse(spiffeId);
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "not a SPIFFE ID (" + e.getMessage() + "); write e.g. spiffe://spike.ist/apps/web");
    }
    DevLayout layout = dir.layout();
    if (!Files.isRegularFile(layout.ca().resolve(DevCa.CA_KEY))) {
      throw new CliFailure("no dev CA in " + layout.ca() + "; run ./spike dev up first");
    }
    DevCa ca = DevCa.load(layout.ca());
    if (!id.memberOf(ca.trustDomain())) {
      throw new UsageException(
          id
              + " is not in the dev CA's trust domain "
              + ca.trustDomain()
              + "; use spiffe://"
              + ca.trustDomain()
              + "/...");
    }
    String name = fileName(id);
    ca.issue(id, layout.cert(name), layout.key(name));
    ctx().out().print(ExportLines.of(layout, name));
    ctx().out().flush();
    return 0;
  }

  /** {@code /apps/web} becomes {@code apps_web}; never the name of a cluster identity's files. */
  static String fileName(SpiffeId id) {
    String name = id.path().substring(1).replaceAll("[^A-Za-z0-9._-]", "_");
    boolean reserved = name.matches("nexus|keeper-\\d+|bootstrap|superuser|recover|restore");
    return reserved ? "workload_" + name : name;
  }
}
