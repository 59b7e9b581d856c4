package io.spike.pilot.snapshot;

import io.spike.api.NexusClient;
import io.spike.api.wire.SnapshotVerifyResponse;
import io.spike.crypto.Shard;
import io.spike.crypto.ShardSearch;
import io.spike.identity.Role;
import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.Output;
import io.spike.pilot.operator.RoleCommand;
import io.spike.store.snapshot.SnapshotHeader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spike snapshot verify F [--shards D]}: proves a snapshot restores, short of restoring it.
 * First the keyless checks of {@code inspect}; then every record is decrypted:
 *
 * <ul>
 *   <li>with {@code --shards D}, offline: the root key is rebuilt from the recovery shard files in
 *       D (the smallest set that passes the snapshot's key check, see {@link KeyFinder}), then
 *       {@link OfflineVerifier} checks the HMAC and decrypts everything;
 *   <li>without, by the running Nexus (superuser): the file is uploaded and Nexus answers with its
 *       report.
 * </ul>
 *
 * <p>Exit 0 when good; 1 when damaged, unsigned (nothing proves who wrote it, see {@link
 * SnapshotTrust}), when the shards do not open it, when the HMAC does not match, or when any record
 * fails (the report lists them); 2 for a malformed shard file. Keys, shards and plaintexts are
 * wiped.
 */
@Command(
    name = "verify",
    description = {
      "Verify a snapshot: checksums, signature and that every record decrypts.",
      "The signature is an HMAC under the root key; records are counted against the header.",
      "With --shards D: offline, with the recovery shard files in D (spike.recovery.<id>.txt).",
      "Without: the running Nexus verifies it with its own root key (superuser).",
      "An unsigned snapshot is NOT verified (exit 1): nothing proves who wrote it."
    })
final class SnapshotVerify extends RoleCommand {
  @Mixin private SnapshotFileParam snapshot;

  @Option(
      names = "--shards",
      paramLabel = "D",
      description =
          "Directory of recovery shard files (as spike operator recover writes them): verify offline.")
  private Path shardDir;

  private SnapshotHeader header;

  SnapshotVerify() {
    super("verify a snapshot", Role.SUPERUSER);
  }

  @Override
  protected void validate() {
    atEnd(snapshot.fetch(ctx().env())::close);
    header = SnapshotFile.intact(snapshot.get(), "use an older snapshot");
  }

  @Override
  protected boolean needsNexus() {
    return shardDir == null;
  }

  @Override
  protected String attempt() {
    return "verify the snapshot " + snapshot.get();
  }

  @Override
  protected void run(NexusClient nexus, Output out) {
    SnapshotVerifyResponse answer = nexus.verifySnapshot(snapshot.get());
    VerifyView view = VerifyView.byNexus(snapshot.get(), header.counts(), answer);
    show(out, view, Optional.of(nexus.http().base().toString()));
  }

  @Override
  protected void runOffline(Output out) {
    byte[] keyCheck = header.keyCheck();
    if (keyCheck.length == 0) {
      throw new CliFailure(
          "snapshot "
              + snapshot.get()
              + " holds no key check: it was taken from a store that was never"
              + " bootstrapped, so no root key opens it");
    }
    List<Shard> shards = RecoveryShards.fromDir(shardDir);
    VerifyView view;
    try {
      ShardSearch.Found found =
          KeyFinder.find(shards, keyCheck)
              .orElseThrow(
                  () ->
                      new CliFailure(
                          "the shards do not open this snapshot: no set of the "
                              + shards.size()
                              + " shard(s) in "
                              + shardDir
                              + " rebuilds the root key its key check accepts; use the recovery shards of the system it was taken"
                              + " from (spike operator rotate-root voids earlier ones)"));
      try {
        view =
            VerifyView.offline(
                snapshot.get(),
                header.counts(),
                found,
                OfflineVerifier.verify(snapshot.get(), header, found.key()));
      } finally {
        found.key().destroy();
      }
    } finally {
      shards.forEach(Shard::destroy);
    }
    show(out, view, Optional.empty());
  }

  private void show(Output out, VerifyView view, Optional<String> nexusUrl) {
    out.show(view, () -> view.human(nexusUrl));
    if (!view.ok()) {
      throw new CliFailure(view.failure());
    }
  }
}
