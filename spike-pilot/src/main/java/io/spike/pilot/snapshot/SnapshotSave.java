package io.spike.pilot.snapshot;

import io.spike.api.NexusClient;
import io.spike.crypto.SecretBytes;
import io.spike.crypto.Shard;
import io.spike.identity.Role;
import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.Output;
import io.spike.pilot.cli.UsageException;
import io.spike.pilot.operator.RoleCommand;
import io.spike.store.StoreConfig;
import io.spike.store.StoreException;
import io.spike.store.SystemKey;
import io.spike.store.snapshot.InspectReport;
import io.spike.store.snapshot.SnapshotException;
import io.spike.store.snapshot.SnapshotOptions;
import io.spike.store.snapshot.SnapshotReader;
import io.spike.store.snapshot.SnapshotWriter;
import io.spike.store.target.BackupTargets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spike snapshot save [-o F] [--store S [--shards D]]}.
 *
 * <p>Online (no {@code --store}): Nexus streams a signed snapshot to the superuser; the CLI writes
 * it to a temporary 0600 file beside the target, syncs it, inspects it, and only an intact file is
 * renamed into place. Offline ({@code --store S}): the snapshot is read straight from the store
 * (holding the SQLite lock, so never under a running Nexus). With {@code --shards D} it is signed
 * as Nexus signs it: the root key is rebuilt from the recovery shard files in D (the smallest set
 * the store's key check accepts; none → refused, nothing written), the HMAC key derived from it,
 * and both wiped after. Without, it is written unsigned and the CLI says so: {@code verify} reports
 * it not verified, and restore and drill refuse it unless {@code --allow-unsigned} (see {@link
 * SnapshotTrust}).
 *
 * <p>F defaults to {@code ./spike-snapshot-<UTC time>.snap} (the snapshot's own time); an existing
 * directory F gets that name inside it. An existing file F is replaced only by an intact snapshot.
 * F may be a backup target URL ({@link RemoteOutput}): the snapshot is written and inspected in a
 * private temporary directory and only an intact one is stored there.
 */
@Command(
    name = "save",
    description = {
      "Take a snapshot. Online (default): streamed from Nexus, signed; superuser identity.",
      "Offline (--store sqlite:<file> | postgres:<jdbc url>): read from a store no",
      "Nexus holds; signed with --shards D (the recovery shards), else unsigned",
      "(restore and drill then refuse it without --allow-unsigned).",
      "Written atomically (temporary file, fsync, rename), mode 0600.",
      "Prints the path, the size and the inspect summary."
    })
final class SnapshotSave extends RoleCommand {
  @Option(
      names = {"-o", "--output"},
      paramLabel = "F",
      description = {
        "Where to write (default ./spike-snapshot-<UTC time>.snap; a directory gets that name inside).",
        "A backup target URL (s3://bucket/prefix?endpoint=URL&region=R&path-style=true,"
            + " file:///dir/) stores it there under that name; an object URL"
            + " (.../spike-snapshot-<time>.snap) under its own."
      })
  private String outputText;

  @Option(
      names = "--store",
      paramLabel = "S",
      description = "Save offline from this store: sqlite:<file> or postgres:<jdbc url>.")
  private String store;

  @Option(
      names = "--shards",
      paramLabel = "D",
      description =
          "With --store: sign the snapshot with the root key rebuilt from the recovery shard files in D.")
  private Path shardDir;

  private StoreConfig config;
  private Path output;
  private RemoteOutput remote;

  SnapshotSave() {
    super("take a snapshot", Role.SUPERUSER);
  }

  @Override
  protected void validate() {
    if (outputText != null) {
      if (outputText.isBlank()) {
        throw new UsageException("-o needs a file or directory name");
      }
      if (BackupTargets.isUrl(outputText)) {
        remote = RemoteOutput.open(outputText, ctx().env());
        atEnd(remote::close);
        output = remote.localOutput();
      } else {
        output = Path.of(outputText);
      }
      if (outputText.endsWith("/") && !Files.isDirectory(output)) {
        throw new UsageException(
            "directory "
                + output.toAbsolutePath().normalize()
                + " does not exist; create it or"
                + " choose another -o");
      }
    }
    if (shardDir != null && store == null) {
      throw new UsageException(
          "--shards D signs an offline save (--store S); Nexus signs an online save itself");
    }
    if (store != null) {
      config = OfflineStore.parse(store);
      if (config instanceof StoreConfig.Memory) {
        throw new UsageException(
            "--store memory is empty in a new process; save from sqlite:<file> or"
                + " postgres:<jdbc url>");
      }
    }
    Path dir = directory();
    if (!Files.isDirectory(dir)) {
      throw new UsageException(
          "directory " + dir + " does not exist; create it or choose another -o");
    }
  }

  @Override
  protected boolean needsNexus() {
    return config == null;
  }

  @Override
  protected String attempt() {
    return "stream a snapshot";
  }

  @Override
  protected void run(NexusClient nexus, Output out) {
    Path dir = directory();
    Path target;
    try (StreamedFile file = StreamedFile.create(dir.resolve(".spike-snapshot"))) {
      long bytes;
      try (InputStream in = nexus.snapshot()) {
        bytes = file.write(in);
      } catch (IOException e) {
        throw new CliFailure(
            "the snapshot stream from Nexus broke off ("
                + e.getMessage()
                + "); nothing was"
                + " written; retry, and see the Nexus log if it happens again",
            e);
      }
      InspectReport report = SnapshotReader.inspect(file.temp());
      if (!report.ok() || report.header().isEmpty()) {
        throw new CliFailure(
            "the snapshot Nexus sent ("
                + bytes
                + " bytes) is "
                + InspectView.damageDetail(report)
                + "; nothing was written; retry, and see the Nexus log");
      }
      target = target(report.header().get().created());
      file.commitTo(target);
    } catch (IOException e) {
      throw new CliFailure("cannot write the snapshot into " + dir + ": " + e.getMessage(), e);
    }
    show(out, target, false);
  }

  @Override
  protected void runOffline(Output out) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Path target = target(now);
    List<Shard> shards = shardDir == null ? List.of() : RecoveryShards.fromDir(shardDir);
    String label;
    try (OfflineStore opened =
        OfflineStore.open(config, false, "use snapshot save without --store, or stop it")) {
      label = opened.label();
      String backend = opened.store().backend();
      if (shards.isEmpty()) {
        SnapshotWriter.writeFile(opened.store(), target, SnapshotOptions.unsigned(now, backend));
      } else {
        byte[] hmacKey = hmacKey(opened, shards);
        try {
          SnapshotWriter.writeFile(
              opened.store(), target, SnapshotOptions.signed(now, backend, List.of(), hmacKey));
        } finally {
          SecretBytes.wipe(hmacKey);
        }
      }
    } catch (SnapshotException | StoreException e) {
      throw new CliFailure(
          "cannot save a snapshot of " + OfflineStore.label(config) + ": " + e.getMessage(), e);
    } finally {
      shards.forEach(Shard::destroy);
    }
    if (shardDir == null) {
      ctx()
          .err()
          .println(
              "spike: snapshot of "
                  + label
                  + " is unsigned: no root key was at hand offline, so restore"
                  + " and drill refuse it without --allow-unsigned; give --shards D (the recovery shards) to sign it");
    }
    show(out, target, true);
  }

  /**
   * The snapshot HMAC key of the store's root key, rebuilt from {@code shards}; refuses when they
   * do not.
   */
  private byte[] hmacKey(OfflineStore opened, List<Shard> shards) {
    byte[] keyCheck =
        opened
            .store()
            .system(SystemKey.KEY_CHECK)
            .orElseThrow(
                () ->
                    new CliFailure(
                        "the store "
                            + opened.label()
                            + " holds no key check (never bootstrapped), so no root key can sign it; nothing was"
                            + " written"));
    return KeyFinder.deriveKey(
        shards,
        keyCheck,
        OfflineVerifier.HMAC_LABEL,
        32,
        () ->
            new CliFailure(
                "the shards in "
                    + shardDir
                    + " do not rebuild the root key of "
                    + opened.label()
                    + " (its key check refuses every set of the "
                    + shards.size()
                    + " shard(s)); use this system's recovery shards (spike operator recover); nothing was"
                    + " written"));
  }

  private void show(Output out, Path target, boolean offline) {
    InspectReport report = SnapshotReader.inspect(target);
    InspectView view = InspectView.of(target, SnapshotFile.size(target), report);
    String where = remote != null && report.ok() ? remote.store(target) : target.toString();
    out.show(
        new SaveView(where, view.size(), offline ? "store" : "nexus", view),
        () -> "saved " + where + " (" + view.size() + " bytes)\n" + view.human());
    if (!report.ok()) {
      throw new CliFailure(
          InspectView.damage(target, report)
              + " right after it was written; check the disk and"
              + " save again");
    }
  }

  private Path directory() {
    if (output == null) {
      return Path.of("").toAbsolutePath();
    }
    Path abs = output.toAbsolutePath().normalize();
    return Files.isDirectory(abs) ? abs : abs.getParent();
  }

  private Path target(Instant created) {
    if (output != null && !Files.isDirectory(output)) {
      return output;
    }
    Path name = Path.of(SnapshotWriter.fileName(created));
    return output == null ? name : output.resolve(name);
  }

  /**
   * The result of a save.
   *
   * @param file where the snapshot was written
   * @param size its size in bytes
   * @param source {@code nexus} (online, signed) or {@code store} (offline; signed only with {@code
   *     --shards})
   * @param snapshot what inspect says of it
   */
  record SaveView(String file, long size, String source, InspectView snapshot) {}
}
