package io.spike.pilot.operator;

import io.spike.api.ApiException;
import io.spike.api.NexusClient;
import io.spike.api.wire.PasswordRequest;
import io.spike.api.wire.UnsealResponse;
import io.spike.identity.Role;
import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.NexusCommand;
import io.spike.pilot.cli.Output;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spike operator unseal --password}: unseals a sealed Nexus with the root key escrowed under
 * a password ({@code spike operator escrow enable}), as the pilot restore identity. The password is
 * read hidden from the terminal ({@code Password: }), or from the first line of stdin when it is
 * piped.
 *
 * <p>Security: the password never reaches stdout, stderr or a log; the CLI's copy is wiped after
 * the call (the JSON body it travels in cannot be).
 */
@Command(
    name = "unseal",
    description = {
      "Unseal a sealed Nexus with its escrow password.",
      "That is the password spike operator escrow enable escrowed the root key under.",
      "Needs the pilot restore identity.",
      "The password is read hidden from the terminal, or as the first line of stdin when piped."
    })
final class OperatorUnseal extends NexusCommand {
  static final String PROMPT = "Password: ";

  @Option(
      names = "--password",
      required = true,
      description = "Unseal with the escrow password (the only way this command unseals).")
  private boolean password;

  private char[] secret;

  @Override
  protected void validate() {
    secret = wipeAtEnd(PasswordInput.once(ctx(), PROMPT));
  }

  @Override
  protected String attempt() {
    return "unseal with the escrow password";
  }

  @Override
  protected void run(NexusClient nexus, Output out) {
    UnsealResponse r = nexus.unseal(new PasswordRequest(new String(secret)));
    if (!r.restored()) {
      throw new CliFailure("Nexus did not unseal; check spike status and the Nexus log");
    }
    out.show(r, () -> "restored");
  }

  @Override
  protected Optional<String> explain(ApiException e, String caller) {
    switch (e.code()) {
      case UNAUTHORIZED:
        return Optional.of(
            e.getMessage() != null && e.getMessage().contains("password")
                ? OperatorErrors.refused(
                    e,
                    "unseal",
                    "the password is wrong and Nexus stays sealed; retry with the"
                        + " right one (repeated failures make Nexus wait longer between attempts)")
                : OperatorErrors.unauthorized(e, caller, "unseal", Role.RESTORE));
      case NOT_FOUND:
        return Optional.of(
            OperatorErrors.refused(
                e,
                "unseal with a password",
                "no password escrow is set up on"
                    + " this store (or rotate-root removed it); use spike operator restore with recovery shards"));
      case CONFLICT:
        return Optional.of(
            OperatorErrors.refused(
                e,
                "unseal",
                "Nexus is not sealed (or was never bootstrapped);" + " check spike status"));
      case RATE_LIMITED:
        return Optional.of(OperatorErrors.rateLimited(e, "unseal"));
      default:
        return Optional.empty();
    }
  }
}
