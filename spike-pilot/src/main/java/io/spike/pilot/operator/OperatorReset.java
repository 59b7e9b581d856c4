package io.spike.pilot.operator;

import io.spike.pilot.cli.CliCommand;
import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.Outcome;
import io.spike.pilot.cli.Output;
import io.spike.pilot.cli.Terminal;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.StoreException;
import io.spike.store.StoreLock;
import io.spike.store.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spike operator reset --data-dir D}: offline factory reset of the SQLite store {@code
 * D/spike.db}. Talks to no server.
 *
 * <p>Refuses while a Nexus holds the store ({@link StoreLock} on {@code D/nexus.lock}) and holds
 * that lock itself from the question to the end, so no Nexus can start on a half-wiped store.
 * Nothing is opened or changed until the operator types {@value #CONFIRMATION} (at the terminal, or
 * as the first line of piped stdin); any other answer deletes nothing.
 *
 * <p>Afterwards the keepers may still hold the old root key's shards in memory: a Nexus started on
 * the empty store would adopt that old key, so the output says to stop every keeper first.
 */
@Command(
    name = "reset",
    description = {
      "Offline factory reset of the SQLite store in D (D/spike.db).",
      "Deletes every secret, policy, the keyring, key check and password escrow, after you",
      "type RESET. Nexus must be stopped.",
      "Then stop every keeper too, and bootstrap a new system (./spike dev up does)."
    })
final class OperatorReset extends CliCommand {
  static final String CONFIRMATION = "RESET";
  static final String PROMPT = "Type " + CONFIRMATION + " to delete everything in it: ";

  @Option(
      names = "--data-dir",
      required = true,
      paramLabel = "D",
      description = "Nexus's data directory (SPIKE_NEXUS_DATA_DIR; dev: .spike-dev/data).")
  private Path dataDir;

  @Override
  public Integer call() {
    Path dir = dataDir.toAbsolutePath().normalize();
    Path db = dir.resolve(StoreConfig.SQLITE_FILE_NAME);
    if (!Files.isRegularFile(db)) {
      throw new CliFailure(
          "no SPIKE store at "
              + db
              + "; check --data-dir (Nexus's SPIKE_NEXUS_DATA_DIR;"
              + " dev: .spike-dev/data); nothing was deleted");
    }
    Optional<StoreLock> lock = acquire(dir);
    if (lock.isEmpty()) {
      throw new CliFailure(
          "a Nexus is running on "
              + dir
              + "; stop it first (dev: ./spike dev down),"
              + " then run reset again; nothing was deleted");
    }
    try (StoreLock held = lock.get()) {
      if (!confirmed(db)) {
        throw new CliFailure("you did not type " + CONFIRMATION + "; nothing was deleted");
      }
      wipe(db);
    }
    Output out = output();
    out.show(
        new Outcome("reset", dir.toString()),
        () ->
            "the store in "
                + dir
                + " is empty: bootstrap can start a"
                + " new system there.\n"
                + "Keepers still hold the OLD root key's shards in memory: stop every keeper before you start Nexus"
                + " again, or Nexus would adopt the old key (dev: ./spike dev down, then ./spike dev up).");
    if (!out.human()) {
      ctx()
          .err()
          .println(
              "spike: warning: stop every keeper before you start Nexus again, or Nexus would adopt the"
                  + " old root key from them");
    }
    return 0;
  }

  private boolean confirmed(Path db) {
    ctx()
        .err()
        .println(
            "spike: this deletes every secret, policy, the keyring, the key check, the password escrow"
                + " and the audit anchor in "
                + db
                + ". Recovery shards and snapshots of it will not bring it back.");
    Terminal terminal = ctx().terminal();
    Optional<String> answer;
    if (terminal.interactive()) {
      answer = terminal.readLine(PROMPT);
    } else {
      ctx().err().println("spike: " + PROMPT.trim() + " (reading the first line of stdin)");
      try (SecretLines lines = SecretLines.read(ctx().in(), "stdin")) {
        List<char[]> all = lines.lines();
        answer = all.isEmpty() ? Optional.empty() : Optional.of(new String(all.get(0)));
      }
    }
    return answer.map(String::strip).filter(CONFIRMATION::equals).isPresent();
  }

  private static Optional<StoreLock> acquire(Path dir) {
    try {
      return StoreLock.tryAcquire(dir);
    } catch (StoreException e) {
      throw new CliFailure(
          "cannot lock " + dir + ": " + e.getMessage() + "; nothing was deleted", e);
    }
  }

  private static void wipe(Path db) {
    try (SpikeStore store = Stores.open(new StoreConfig.Sqlite(db))) {
      store.wipe();
      if (!store.isEmpty()) {
        throw new CliFailure(
            "the store in " + db + " still holds records after the wipe; see SPIKE_DEBUG=1 output");
      }
    } catch (StoreException e) {
      throw new CliFailure("cannot reset " + db + ": " + e.getMessage(), e);
    }
  }
}
