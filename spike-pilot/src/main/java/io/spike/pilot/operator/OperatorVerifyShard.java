package io.spike.pilot.operator;

import io.spike.api.ApiException;
import io.spike.api.NexusClient;
import io.spike.api.wire.RestoreRequest;
import io.spike.api.wire.ShardValue;
import io.spike.api.wire.VerifyShardResponse;
import io.spike.crypto.Shard;
import io.spike.identity.Role;
import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.Output;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spike operator verify-shard [--file F]...}: asks Nexus whether each recovery shard is
 * valid for this system, checked against the shard commitments it stores (one shard alone, no other
 * shard needed; works on a sealed Nexus too).
 *
 * <p>Input: the files given; else stdin, one shard per non-empty line ({@link ShardInput}, parsed
 * whole before anything is sent: malformed text is bad usage, exit 2). One line per shard: {@code
 * <file>: shard 2 is valid for this system (commitments 3f2a-...)} or {@code ...: shard 2 is NOT
 * valid for this system}. Exit 0 when every shard is valid, 1 when any is not.
 *
 * <p>Security: shard values never reach stdout, stderr or a log; every copy is wiped after use.
 */
@Command(
    name = "verify-shard",
    description = {
      "Check recovery shards against the shard commitments Nexus stores, one by one.",
      "Works on a sealed Nexus; needs the pilot recover or restore identity.",
      "Shards come from --file (once per shard); else stdin, one spike:<id>:<hex> per line.",
      "Prints one line per shard: valid for this system or NOT; exit 1 when any is not valid."
    })
final class OperatorVerifyShard extends RoleCommand {

  @Option(
      names = "--file",
      paramLabel = "F",
      description = "A recovery shard file; repeat for each shard.")
  private List<Path> files = new ArrayList<>();

  private final List<Shard> given = new ArrayList<>();
  private final List<String> sources = new ArrayList<>();

  /** The result of one shard for {@code -f json|yaml}. */
  record Checked(
      String source, int id, boolean valid, String fingerprint, int threshold, int shares) {}

  OperatorVerifyShard() {
    super("verify recovery shards", Role.RECOVER);
  }

  @Override
  protected void validate() {
    atEnd(() -> given.forEach(Shard::destroy));
    given.addAll(ShardInput.fromFilesOrStdin(files, ctx().in()));
    if (files.isEmpty()) {
      given.forEach(s -> sources.add("stdin"));
    } else {
      files.forEach(f -> sources.add(f.toString()));
    }
  }

  @Override
  protected void run(NexusClient nexus, Output out) {
    List<Checked> checked = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      VerifyShardResponse r = send(nexus, given.get(i));
      checked.add(
          new Checked(
              sources.get(i), r.id(), r.valid(), r.fingerprint(), r.threshold(), r.shares()));
    }
    out.show(checked, () -> human(checked));
    long invalid = checked.stream().filter(c -> !c.valid()).count();
    if (invalid > 0) {
      throw new CliFailure(
          invalid
              + " of "
              + checked.size()
              + " recovery shard(s) are NOT valid for this system; they come from another system"
              + " or from before a rotate-root; use the files of this system's latest spike"
              + " operator recover");
    }
  }

  @Override
  protected String refusal(ApiException e) {
    return switch (e.code()) {
      case CONFLICT ->
          OperatorErrors.refused(
              e,
              attempt(),
              "Nexus stores no shard commitments yet; they are written at the first unseal after"
                  + " an upgrade (spike status)");
      case BAD_REQUEST ->
          OperatorErrors.refused(e, attempt(), "check the shard id against the share count");
      case RATE_LIMITED -> OperatorErrors.rateLimited(e, attempt());
      default -> null;
    };
  }

  private static VerifyShardResponse send(NexusClient nexus, Shard shard) {
    ShardValue wire = shard.withValueBytes(ShardValue::ofBytes);
    try {
      return nexus.verifyShard(new RestoreRequest(shard.id(), wire));
    } finally {
      wire.destroy();
    }
  }

  private static String human(List<Checked> checked) {
    StringBuilder b = new StringBuilder();
    for (Checked c : checked) {
      b.append(c.source()).append(": shard ").append(c.id());
      if (c.valid()) {
        b.append(" is valid for this system (commitments ").append(c.fingerprint()).append(")\n");
      } else {
        b.append(" is NOT valid for this system\n");
      }
    }
    return b.toString();
  }
}
