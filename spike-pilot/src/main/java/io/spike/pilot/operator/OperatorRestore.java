package io.spike.pilot.operator;

import io.spike.api.ApiException;
import io.spike.api.ErrorCode;
import io.spike.api.NexusClient;
import io.spike.api.wire.RestoreRequest;
import io.spike.api.wire.RestoreResponse;
import io.spike.api.wire.ShardValue;
import io.spike.crypto.Shard;
import io.spike.identity.Role;
import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.ErrorMessages;
import io.spike.pilot.cli.Output;
import io.spike.pilot.cli.Terminal;
import io.spike.pilot.cli.UsageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spike operator restore [--file F]...}: feeds recovery shards to a sealed Nexus (pilot
 * restore identity) until it has rebuilt and checked the root key.
 *
 * <p>Input: the files given; else, on a terminal, a hidden prompt per shard until Nexus says {@code
 * restored} (an empty line or end of input stops); else stdin, one shard per non-empty line. Files
 * and stdin are parsed whole before anything is sent, a typed shard before it is sent: malformed
 * text is bad usage (exit 2) and never reaches Nexus. Exit 0 once restored; 1 when the input ends
 * first or Nexus refuses a shard.
 *
 * <p>Security: shard values never reach stdout, stderr or a log; every copy the CLI holds is wiped
 * after use.
 */
@Command(
    name = "restore",
    description = {
      "Feed recovery shards to a sealed Nexus until it rebuilds the root key.",
      "Nexus then unseals and refills the keepers. Needs the pilot restore identity.",
      "Shards come from --file (once per shard); else a hidden prompt on a terminal ('Enter recovery shard: ',",
      "an empty line stops); else stdin, one spike:<id>:<hex> per line.",
      "Prints shards collected and remaining after each, then 'restored'."
    })
final class OperatorRestore extends RoleCommand {
  static final String PROMPT = "Enter recovery shard: ";

  @Option(
      names = "--file",
      paramLabel = "F",
      description = "A recovery shard file; repeat for each shard.")
  private List<Path> files = new ArrayList<>();

  private final List<Shard> given = new ArrayList<>();
  private int sending;

  OperatorRestore() {
    super("restore the root key", Role.RESTORE);
  }

  @Override
  protected void validate() {
    atEnd(() -> given.forEach(Shard::destroy));
    if (!files.isEmpty()) {
      given.addAll(ShardInput.fromFiles(files));
    } else if (!prompting()) {
      try (SecretLines lines = SecretLines.read(ctx().in(), "stdin")) {
        given.addAll(ShardInput.fromLines(lines, "stdin"));
      }
      if (given.isEmpty()) {
        throw new UsageException(
            "no recovery shard on stdin; pipe one shard per line, or give --file F once per shard");
      }
    }
  }

  @Override
  protected String attempt() {
    return "restore the root key from recovery shards";
  }

  @Override
  protected void run(NexusClient nexus, Output out) {
    Optional<RestoreResponse> last = prompting() ? typed(nexus, out) : listed(nexus, out);
    if (last.isEmpty()) {
      throw new UsageException("no recovery shard was entered; nothing was sent");
    }
    RestoreResponse done = last.get();
    if (!out.human()) {
      out.show(done, () -> "");
    }
    if (!done.restored()) {
      throw new CliFailure(
          "not restored yet: "
              + done.remaining()
              + " more shard(s) needed; run spike operator"
              + " restore again with the others (Nexus keeps the ones it has until SPIKE_NEXUS_RESTORE_TTL, default 10m,"
              + " passes)");
    }
  }

  @Override
  protected String refusal(ApiException e) {
    return switch (e.code()) {
      case BAD_REQUEST ->
          OperatorErrors.refused(
              e,
              "take recovery shard " + sending,
              "Nexus stays sealed; check"
                  + " that the shard comes from this system's latest spike operator recover (a rotate-root voids earlier"
                  + " shards) and run restore again with a right one");
      case CONFLICT ->
          OperatorErrors.refused(
              e,
              "take recovery shards",
              "Nexus is not waiting for them"
                  + " (it is unsealed already, or was never bootstrapped); check spike status");
      case RATE_LIMITED -> OperatorErrors.rateLimited(e, "restore");
      default -> null;
    };
  }

  private boolean prompting() {
    return files.isEmpty() && ctx().terminal().interactive();
  }

  private Optional<RestoreResponse> listed(NexusClient nexus, Output out) {
    Optional<RestoreResponse> last = Optional.empty();
    for (int i = 0; i < given.size(); i++) {
      RestoreResponse r;
      try {
        r = send(nexus, given.get(i));
      } catch (ApiException e) {
        // A set that does not reconstruct yet (e.g. new shard 1 beside old shard 2 while an
        // operator
        // replaces a voided set) must not stop the shards still to come in this command.
        if (e.code() != ErrorCode.BAD_REQUEST || i == given.size() - 1) {
          throw e;
        }
        refusedButContinuing(e);
        continue;
      }
      report(r, out);
      last = Optional.of(r);
      if (r.restored()) {
        break;
      }
    }
    return last;
  }

  private Optional<RestoreResponse> typed(NexusClient nexus, Output out) {
    Terminal terminal = ctx().terminal();
    Optional<RestoreResponse> last = Optional.empty();
    while (last.isEmpty() || !last.get().restored()) {
      Optional<char[]> text = terminal.readHidden(PROMPT);
      if (text.isEmpty()) {
        break;
      }
      char[] chars = text.get();
      Shard shard;
      try {
        if (SecretLines.blank(chars)) {
          break;
        }
        shard = ShardInput.decode(chars, "the shard you entered");
      } finally {
        Arrays.fill(chars, '\0');
      }
      try {
        RestoreResponse r = send(nexus, shard);
        report(r, out);
        last = Optional.of(r);
      } catch (ApiException e) {
        if (e.code() != ErrorCode.BAD_REQUEST) {
          throw e;
        }
        refusedButContinuing(e);
      } finally {
        shard.destroy();
      }
    }
    return last;
  }

  private void refusedButContinuing(ApiException e) {
    ctx()
        .err()
        .println(
            "spike: shard "
                + sending
                + " refused"
                + ErrorMessages.serverDetail(e)
                + "; going on with the next shard");
  }

  private RestoreResponse send(NexusClient nexus, Shard shard) {
    sending = shard.id();
    ShardValue wire = shard.withValueBytes(ShardValue::ofBytes);
    try {
      return nexus.restore(new RestoreRequest(shard.id(), wire));
    } finally {
      wire.destroy();
    }
  }

  private void report(RestoreResponse r, Output out) {
    if (!out.human()) {
      return;
    }
    StringBuilder b = new StringBuilder();
    b.append("shards collected: ")
        .append(r.collected())
        .append(", remaining: ")
        .append(r.remaining())
        .append('\n');
    r.wrongShards()
        .forEach(id -> b.append("shard ").append(id).append(" was wrong and was ignored\n"));
    if (r.restored()) {
      b.append("restored\n");
    }
    out.show(r, b::toString);
  }
}
