package io.spike.pilot.snapshot;

import io.spike.api.ApiException;
import io.spike.api.ErrorCode;
import io.spike.api.NexusClient;
import io.spike.identity.Role;
import io.spike.pilot.cli.CliContext;
import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.NexusCommand;
import io.spike.pilot.cli.Output;
import io.spike.pilot.cli.UsageException;
import io.spike.pilot.operator.OperatorErrors;
import io.spike.store.StoreConfig;
import io.spike.store.StoreException;
import io.spike.store.snapshot.InspectReport;
import io.spike.store.snapshot.SnapshotException;
import io.spike.store.snapshot.SnapshotOptions;
import io.spike.store.snapshot.SnapshotReader;
import io.spike.store.snapshot.SnapshotWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spike snapshot save [-o F] [--store S]}.
 *
 * <p>Online (no {@code --store}): Nexus streams a signed snapshot to the superuser; the CLI
 * writes it to a temporary 0600 file beside the target, syncs it, inspects it, and only an intact
 * file is renamed into place. Offline ({@code --store S}): the snapshot is read straight from the
 * store (holding the SQLite lock, so never under a running Nexus) and written unsigned, since no
 * root key is at hand; {@code verify --shards} still decrypts every record of it.
 *
 * <p>F defaults to {@code ./spike-snapshot-<UTC time>.snap} (the snapshot's own time); an
 * existing directory F gets that name inside it. An existing file F is replaced only by an intact
 * snapshot.
 */
@Command(name = "save", mixinStandardHelpOptions = true,
    description = {"Take a snapshot. Online (default): streamed from Nexus, signed; superuser identity.",
        "Offline (--store sqlite:<file> | postgres:<jdbc url>): read from a store no Nexus",
        "holds; unsigned. Written atomically (temporary file, fsync, rename), mode 0600.",
        "Prints the path, the size and the inspect summary."})
final class SnapshotSave extends NexusCommand {
  @Option(names = {"-o", "--output"}, paramLabel = "F",
      description = "Where to write (default ./spike-snapshot-<UTC time>.snap; a directory gets that name inside).")
  private String outputText;

  @Option(names = "--store", paramLabel = "S",
      description = "Save offline from this store: sqlite:<file> or postgres:<jdbc url>.")
  private String store;

  private StoreConfig config;
  private Path output;

  SnapshotSave(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void validate() {
    if (outputText != null) {
      if (outputText.isBlank()) {
        throw new UsageException("-o needs a file or directory name");
      }
      output = Path.of(outputText);
      if (outputText.endsWith("/") && !Files.isDirectory(output)) {
        throw new UsageException("directory " + output.toAbsolutePath().normalize() + " does not exist; create it or"
            + " choose another -o");
      }
    }
    if (store != null) {
      config = OfflineStore.parse(store);
      if (config instanceof StoreConfig.Memory) {
        throw new UsageException("--store memory is empty in a new process; save from sqlite:<file> or"
            + " postgres:<jdbc url>");
      }
    }
    Path dir = directory();
    if (!Files.isDirectory(dir)) {
      throw new UsageException("directory " + dir + " does not exist; create it or choose another -o");
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
  protected Optional<String> explain(ApiException e, String caller) {
    return e.code() == ErrorCode.UNAUTHORIZED
        ? Optional.of(OperatorErrors.unauthorized(e, caller, "take a snapshot", Role.SUPERUSER))
        : Optional.empty();
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
        throw new CliFailure("the snapshot stream from Nexus broke off (" + e.getMessage() + "); nothing was"
            + " written; retry, and see the Nexus log if it happens again", e);
      }
      InspectReport report = SnapshotReader.inspect(file.temp());
      if (!report.ok() || report.header().isEmpty()) {
        throw new CliFailure("the snapshot Nexus sent (" + bytes + " bytes) is " + InspectView.damageDetail(report)
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
    String label;
    try (OfflineStore opened = OfflineStore.open(config, false, "use snapshot save without --store, or stop it")) {
      label = opened.label();
      SnapshotWriter.writeFile(opened.store(), target, SnapshotOptions.unsigned(now, opened.store().backend()));
    } catch (SnapshotException | StoreException e) {
      throw new CliFailure("cannot save a snapshot of " + OfflineStore.label(config) + ": " + e.getMessage(), e);
    }
    ctx().err().println("spike: snapshot of " + label + " is unsigned: no root key was at hand offline; spike"
        + " snapshot verify " + target + " --shards D still decrypts every record");
    show(out, target, true);
  }

  private void show(Output out, Path target, boolean offline) {
    InspectReport report = SnapshotReader.inspect(target);
    InspectView view = InspectView.of(target, SnapshotFile.size(target), report);
    out.show(new SaveView(target.toString(), view.size(), offline ? "store" : "nexus", view),
        () -> "saved " + target + " (" + view.size() + " bytes)\n" + view.human());
    if (!report.ok()) {
      throw new CliFailure(InspectView.damage(target, report) + " right after it was written; check the disk and"
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
   * @param source {@code nexus} (online, signed) or {@code store} (offline, unsigned)
   * @param snapshot what inspect says of it
   */
  record SaveView(String file, long size, String source, InspectView snapshot) {}
}
