package io.spike.pilot.operator;

import io.spike.api.ApiException;
import io.spike.api.ErrorCode;
import io.spike.api.NexusClient;
import io.spike.api.wire.PasswordRequest;
import io.spike.identity.Role;
import io.spike.pilot.cli.Outcome;
import io.spike.pilot.cli.Output;
import io.spike.pilot.cli.UsageException;
import picocli.CommandLine.Command;

/**
 * {@code spike operator escrow enable}: Nexus stores its root key wrapped by an Argon2id key of a
 * password (superuser). The password is read twice, hidden, on a terminal; from a pipe it is the
 * first line of stdin, and a second line, if any, must repeat it. It must have at least {@value
 * #MIN_LENGTH} characters; both checks are local (exit 2, nothing sent).
 *
 * <p>Security: the password never reaches stdout, stderr or a log; the CLI's copies are wiped.
 */
@Command(
    name = "enable",
    description = {
      "Escrow the root key under a password.",
      "Then spike operator unseal --password can unseal Nexus without recovery shards.",
      "Needs the superuser identity.",
      "The password (at least 12 characters) is read twice, hidden, from the terminal; from a pipe, the",
      "first line of stdin, optionally repeated on a second line. rotate-root removes the escrow."
    })
final class EscrowEnable extends RoleCommand {
  static final int MIN_LENGTH = 12;
  static final String PROMPT = "New escrow password: ";
  static final String REPEAT = "Repeat: ";

  private char[] secret;

  EscrowEnable() {
    super("set up password escrow", Role.SUPERUSER);
  }

  @Override
  protected void validate() {
    secret = wipeAtEnd(PasswordInput.twice(ctx(), PROMPT, REPEAT));
    if (Character.codePointCount(secret, 0, secret.length) < MIN_LENGTH) {
      throw new UsageException(
          "an escrow password needs at least " + MIN_LENGTH + " characters; nothing was changed");
    }
  }

  @Override
  protected String attempt() {
    return "escrow the root key under a password";
  }

  @Override
  protected void run(NexusClient nexus, Output out) {
    nexus.escrow(new PasswordRequest(new String(secret)));
    Outcome done = new Outcome("enabled", "password escrow");
    out.show(
        done,
        () ->
            "password escrow enabled: after a full loss, spike operator unseal --password (restore"
                + " identity) unseals Nexus with this password.\n"
                + "spike operator rotate-root removes the escrow; enable it again after rotating the root key.");
  }

  @Override
  protected String refusal(ApiException e) {
    return e.code() == ErrorCode.BAD_REQUEST
        ? OperatorErrors.refused(e, "escrow the root key", "choose another password")
        : null;
  }
}
