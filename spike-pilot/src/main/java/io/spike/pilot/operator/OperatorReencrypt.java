package io.spike.pilot.operator;

import io.spike.api.NexusClient;
import io.spike.api.wire.ReencryptRequest;
import io.spike.api.wire.ReencryptResponse;
import io.spike.identity.Role;
import io.spike.pilot.cli.Output;
import io.spike.pilot.cli.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spike operator reencrypt [--batch N] [--retire]}: moves every record to the newest
 * data-key term, online, one batch of secret paths per call, printing progress on stderr after
 * each; safe to interrupt and run again (a new pass skips what already moved). With {@code
 * --retire}, the older terms leave the keyring once nothing uses them.
 */
@Command(
    name = "reencrypt",
    description = {
      "Move every stored record to the newest data-key term (online).",
      "It works in batches and is resumable: run it again after an interruption.",
      "Run it after rotate-keys or rotate-root. With --retire,",
      "the older terms are then dropped from the keyring: ciphertexts from spike cipher encrypt",
      "under them no longer decrypt. Needs the superuser identity."
    })
final class OperatorReencrypt extends RoleCommand {
  @Option(
      names = "--batch",
      paramLabel = "N",
      description =
          "Secret paths per request (default "
              + ReencryptRequest.DEFAULT_BATCH
              + ", at most "
              + ReencryptRequest.MAX_BATCH
              + ").")
  private int batch = ReencryptRequest.DEFAULT_BATCH;

  @Option(
      names = "--retire",
      description = "Once every record is on the newest term, drop the older terms.")
  private boolean retire;

  OperatorReencrypt() {
    super("re-encrypt the store", Role.SUPERUSER);
  }

  @Override
  protected void validate() {
    if (batch < 1 || batch > ReencryptRequest.MAX_BATCH) {
      throw new UsageException("--batch must be 1.." + ReencryptRequest.MAX_BATCH);
    }
  }

  @Override
  protected void run(NexusClient nexus, Output out) {
    ReencryptResponse step;
    do {
      step = nexus.reencrypt(new ReencryptRequest(batch, retire));
      ctx()
          .err()
          .println(
              "spike: re-encrypting to term "
                  + step.term()
                  + ": "
                  + step.scanned()
                  + " of "
                  + step.total()
                  + " secret paths looked at, "
                  + step.moved()
                  + " records moved"
                  + (step.done() ? ", done" : ""));
      ctx().err().flush();
    } while (!step.done());
    ReencryptResponse last = step;
    out.show(
        last,
        () ->
            "every record is on data-key term "
                + last.term()
                + " ("
                + last.moved()
                + " moved)"
                + (last.retiredTerms().isEmpty()
                    ? (retire ? "; no older term to retire" : "")
                    : "; retired terms " + last.retiredTerms())
                + "\n");
  }
}
