package io.spike.pilot.operator;

import io.spike.api.ApiException;
import io.spike.api.ErrorCode;
import io.spike.api.NexusClient;
import io.spike.api.wire.RestoreRequest;
import io.spike.api.wire.RestoreResponse;
import io.spike.api.wire.ShardValue;
import io.spike.config.Settings;
import io.spike.crypto.Shard;
import io.spike.identity.Role;
import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.ErrorMessages;
import io.spike.pilot.cli.Output;
import io.spike.pilot.cli.UsageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spike operator restore [--file F]...}: feeds recovery shards to a sealed Nexus (pilot
 * restore identity), as the SPIKE operator guide shows it.
 *
 * <p>Input: the files given, each sent in turn; else, on a terminal, one shard typed or pasted at a
 * hidden prompt ({@value #HIDDEN} then {@value #PROMPT}); else stdin, one shard per non-empty line.
 * Files and stdin are parsed whole before anything is sent, a typed shard before it is sent:
 * malformed text is bad usage (exit 2) and never reaches Nexus.
 *
 * <p>Output: after each accepted shard {@code Shards collected: N, Shards remaining: M}; at the end
 * {@value #RESTORED}, or {@value #RUN_AGAIN} while shards are missing. Exit 0 when Nexus is
 * restored or took every shard sent (a partial set is progress, not a failure); 1 when it refuses a
 * shard and is not restored, or cannot be reached.
 *
 * <p>Security: shard values never reach stdout, stderr or a log; every copy the CLI holds is wiped
 * after use.
 */
@Command(
    name = "restore",
    description = {
      "Feed recovery shards to a sealed Nexus so it can rebuild the root key.",
      "Once it has enough, Nexus unseals and refills the keepers. Needs the pilot restore identity.",
      "Shards come from --file (once per shard); else one shard at a hidden prompt on a terminal",
      "('Enter recovery shard: '); else stdin, one spike:<id>:<hex> per line.",
      "Prints 'Shards collected: N, Shards remaining: M' after each; then either",
      "'Please run `spike operator restore` again to provide the remaining shards.' (exit 0)",
      "or 'SPIKE is now restored and ready to use.'. Exit 1 when Nexus refuses a shard."
    })
final class OperatorRestore extends RoleCommand {
  /** Said on the terminal before the prompt. */
  static final String HIDDEN = "(your input will be hidden as you paste/type it)";

  /** The hidden prompt for one shard. */
  static final String PROMPT = "Enter recovery shard: ";

  /** The last line once Nexus has rebuilt the root key. */
  static final String RESTORED = "SPIKE is now restored and ready to use.";

  /** The last line while Nexus still needs shards. */
  static final String RUN_AGAIN =
      "Please run `spike operator restore` again to provide the remaining shards.";

  @Option(
      names = "--file",
      paramLabel = "F",
      description = "A recovery shard file; repeat for each shard.")
  private List<Path> files = new ArrayList<>();

  private final List<Shard> given = new ArrayList<>();
  private final List<Integer> refused = new ArrayList<>();
  private int sending;

  OperatorRestore() {
    super("restore the root key", Role.RESTORE);
  }

  @Override
  protected void validate() {
    atEnd(() -> given.forEach(Shard::destroy));
    if (!prompting()) {
      given.addAll(ShardInput.fromFilesOrStdin(files, ctx().in()));
    }
  }

  @Override
  protected String attempt() {
    return "restore the root key from recovery shards";
  }

  @Override
  protected void run(NexusClient nexus, Output out) {
    if (prompting()) {
      given.add(typed());
    }
    RestoreResponse last = sendAll(nexus, out);
    out.show(last, () -> (last.restored() ? RESTORED : RUN_AGAIN + "\n" + kept()) + "\n");
    if (!last.restored() && !refused.isEmpty()) {
      throw new CliFailure(
          "Nexus refused shard"
              + (refused.size() == 1 ? " " : "s ")
              + refused.stream().map(String::valueOf).collect(Collectors.joining(", "))
              + " and stays sealed; run restore again with right shards");
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

  /** One shard read at the hidden prompt; nothing entered or malformed text is bad usage. */
  private Shard typed() {
    char[] chars =
        ctx()
            .terminal()
            .readHidden(HIDDEN + "\n" + PROMPT)
            .orElseThrow(
                () -> new UsageException("no recovery shard was entered; nothing was sent"));
    try {
      if (SecretLines.blank(chars)) {
        throw new UsageException("no recovery shard was entered; nothing was sent");
      }
      return ShardInput.decode(chars, "the shard you entered");
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  /**
   * Sends the shards in turn until Nexus is restored; returns its last answer. A refused shard does
   * not stop the ones after it (a set that does not reconstruct yet, e.g. a new shard 1 beside an
   * old shard 2 while an operator replaces a voided set, may be completed by the next); when the
   * last shard sent is refused, that refusal is the command's failure; an earlier one is when Nexus
   * is not restored in the end.
   */
  private RestoreResponse sendAll(NexusClient nexus, Output out) {
    Optional<RestoreResponse> last = Optional.empty();
    for (int i = 0; i < given.size(); i++) {
      RestoreResponse r;
      try {
        r = send(nexus, given.get(i));
      } catch (ApiException e) {
        if (e.code() != ErrorCode.BAD_REQUEST || i == given.size() - 1) {
          throw e;
        }
        refused.add(sending);
        refusedButContinuing(e);
        continue;
      }
      report(r, out);
      last = Optional.of(r);
      if (r.restored()) {
        break;
      }
    }
    // Only the last shard's answer can be missing, and its refusal was thrown above.
    return last.orElseThrow();
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
    b.append("Shards collected: ")
        .append(r.collected())
        .append(", Shards remaining: ")
        .append(r.remaining())
        .append('\n');
    r.wrongShards()
        .forEach(id -> b.append("shard ").append(id).append(" was wrong and was ignored\n"));
    out.show(r, b::toString);
  }

  /** How long Nexus holds a partial set, as configured on Nexus (the CLI cannot see it). */
  private static String kept() {
    return "(Nexus keeps the shards collected for "
        + Settings.RESTORE_TTL.name()
        + " (default "
        + Settings.RESTORE_TTL.defaultText()
        + ") after the last one.)";
  }
}
