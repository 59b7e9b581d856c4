package io.spike.pilot.operator;

import io.spike.api.ApiException;
import io.spike.api.NexusClient;
import io.spike.api.wire.RecoverResponse;
import io.spike.api.wire.ShardValue;
import io.spike.crypto.Shard;
import io.spike.identity.Role;
import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.Output;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spike operator recover [--dir D]}: fetches every recovery shard from a healthy Nexus
 * (pilot recover identity) and writes one file per shard.
 *
 * <p>Earlier {@code spike.recovery*.txt} files in D are deleted only after Nexus answered, so a
 * failed call leaves the old set alone. Shard text never reaches stdout, stderr or a log; the
 * shards are destroyed once written.
 */
@Command(
    name = "recover",
    description = {
      "Write every recovery shard of the root key to files in D.",
      "Each shard goes to spike.recovery.<id>.txt (mode 0600); earlier spike.recovery*.txt files",
      "there are deleted. Needs the pilot recover identity.",
      "Afterwards encrypt the files, move them offline to separate custodians and erase them here."
    })
final class OperatorRecover extends RoleCommand {
  static final String WARNING =
      "these files can rebuild the root key: encrypt them, move them offline"
          + " (each to a separate custodian) and erase them here";

  @Option(
      names = "--dir",
      paramLabel = "D",
      description =
          "Where to write the files (default: $SPIKE_PILOT_RECOVERY_DIR, else ~/.spike/recover).")
  private Path dirFlag;

  private RecoveryDir dir;

  /** The result for {@code -f json|yaml}: where the files are. */
  record Written(
      String directory,
      List<String> files,
      int replaced,
      String fingerprint,
      int threshold,
      int shares) {}

  OperatorRecover() {
    super("fetch the recovery shards", Role.RECOVER);
  }

  @Override
  protected void validate() {
    dir = RecoveryDir.resolve(dirFlag, ctx().env(), Path.of(System.getProperty("user.home")));
    if (dir.prepare()) {
      ctx()
          .err()
          .println(
              "spike: warning: "
                  + dir.path()
                  + " is open to other users; keep recovery files in an"
                  + " owner-only directory (chmod 700)");
    }
  }

  @Override
  protected String attempt() {
    return "hand out the recovery shards";
  }

  @Override
  protected void run(NexusClient nexus, Output out) {
    RecoverResponse response = nexus.recover();
    List<Shard> shards = toShards(response);
    List<String> files = new ArrayList<>();
    int replaced;
    try {
      replaced = dir.deleteOld();
      for (Shard shard : shards) {
        files.add(dir.write(shard).toString());
      }
    } finally {
      shards.forEach(Shard::destroy);
    }
    Written written =
        new Written(
            dir.path().toString(),
            files,
            replaced,
            response.fingerprint(),
            response.threshold(),
            response.shares());
    out.show(written, () -> human(written));
    if (!out.human()) {
      ctx().err().println("spike: warning: " + WARNING);
    }
  }

  private static List<Shard> toShards(RecoverResponse response) {
    List<Shard> shards = new ArrayList<>();
    try {
      for (Map.Entry<String, ShardValue> e : response.shards().entrySet()) {
        shards.add(toShard(e.getKey(), e.getValue()));
      }
    } catch (RuntimeException e) {
      shards.forEach(Shard::destroy);
      throw e;
    } finally {
      response.shards().values().forEach(ShardValue::destroy);
    }
    if (shards.isEmpty()) {
      throw new CliFailure("Nexus sent no recovery shards; check spike status and the Nexus log");
    }
    shards.sort(Comparator.comparingInt(Shard::id));
    return shards;
  }

  @Override
  protected String refusal(ApiException e) {
    return switch (e.code()) {
      case NOT_READY ->
          OperatorErrors.refused(
              e,
              attempt(),
              "Nexus is sealed and has no root key to shard;"
                  + " run recover against a healthy, unsealed Nexus (spike status)");
      case RATE_LIMITED -> OperatorErrors.rateLimited(e, attempt());
      default -> null;
    };
  }

  private static Shard toShard(String id, ShardValue value) {
    try {
      return value.withBytes(bytes -> Shard.of(Integer.parseInt(id), bytes));
    } catch (IllegalArgumentException e) {
      throw new CliFailure(
          "Nexus sent a malformed recovery shard (id '"
              + id
              + "'); nothing was written; is"
              + " SPIKE_NEXUS_API_URL a SPIKE Nexus of the same version?");
    }
  }

  private static String human(Written w) {
    StringBuilder b = new StringBuilder();
    b.append("wrote ")
        .append(w.files().size())
        .append(" recovery shard file")
        .append(w.files().size() == 1 ? "" : "s")
        .append(" to ")
        .append(w.directory());
    if (w.replaced() > 0) {
      b.append(" (deleted ").append(w.replaced()).append(" earlier)");
    }
    b.append(":\n");
    w.files().forEach(f -> b.append("  ").append(f).append('\n'));
    if (!w.fingerprint().isEmpty()) {
      b.append("commitments ")
          .append(w.fingerprint())
          .append(": needs ")
          .append(w.threshold())
          .append(" of ")
          .append(w.shares())
          .append(" shards (check a shard with spike operator verify-shard)\n");
    }
    b.append("WARNING: ").append(WARNING).append(".\n");
    return b.toString();
  }
}
