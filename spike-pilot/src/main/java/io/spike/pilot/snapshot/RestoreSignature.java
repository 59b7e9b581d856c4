package io.spike.pilot.snapshot;

import io.spike.api.ApiException;
import io.spike.api.ApiUnreachableException;
import io.spike.api.Json;
import io.spike.api.wire.SnapshotVerifyResponse;
import io.spike.crypto.Shard;
import io.spike.crypto.ShardSearch;
import io.spike.identity.IdentityException;
import io.spike.identity.Role;
import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.ErrorMessages;
import io.spike.pilot.cli.NexusConnector;
import io.spike.pilot.cli.NexusSession;
import io.spike.pilot.operator.OperatorErrors;
import io.spike.store.snapshot.SnapshotHeader;
import java.nio.file.Path;
import java.util.List;

/**
 * Where restore gets the verdict on a signed snapshot ({@link SnapshotTrust}): offline, from the
 * root key rebuilt from recovery shards, or from the running Nexus, which verifies the uploaded
 * pinned copy with its own root key. A failure to get a verdict (wrong shards, Nexus unreachable,
 * not the superuser) is a refusal too: every message ends with {@code nothing was touched}.
 *
 * <p>Security: shards and the rebuilt key are destroyed before returning.
 */
final class RestoreSignature {
  private static final String UNTOUCHED = "; nothing was touched";
  private static final String OFFLINE_HINT =
      "; or check the signature offline with --shards D (the recovery shards)";

  private RestoreSignature() {}

  /** Checks {@code pinned} with the root key rebuilt from the shard files in {@code shardDir}. */
  static SnapshotTrust.Verdict byShards(
      PinnedSnapshot pinned, SnapshotHeader header, Path shardDir) {
    Path file = pinned.original();
    if (header.keyCheck().length == 0) {
      throw new CliFailure(
          "snapshot "
              + file
              + " holds no key check (its store was never bootstrapped), so no root"
              + " key can check its signature"
              + UNTOUCHED);
    }
    List<Shard> shards = RecoveryShards.fromDir(shardDir);
    try {
      ShardSearch.Found found =
          KeyFinder.find(shards, header.keyCheck())
              .orElseThrow(
                  () ->
                      new CliFailure(
                          "the shards do not open "
                              + file
                              + ": no set of the "
                              + shards.size()
                              + " shard(s) in "
                              + shardDir
                              + " rebuilds the root key its key check accepts (another system's snapshot, or not enough of its"
                              + " shards); use the recovery shards of the system it was taken from"
                              + UNTOUCHED));
      try {
        return SnapshotTrust.withKey(pinned.path(), header, found);
      } finally {
        found.key().destroy();
      }
    } finally {
      shards.forEach(Shard::destroy);
    }
  }

  /** Has the running Nexus verify {@code pinned} (superuser identity). */
  static SnapshotTrust.Verdict byNexus(PinnedSnapshot pinned, NexusConnector connector) {
    Path file = pinned.original();
    NexusSession session;
    try {
      session = connector.open();
    } catch (CliFailure e) {
      throw new CliFailure(e.getMessage() + OFFLINE_HINT + UNTOUCHED, e);
    } catch (IdentityException e) {
      throw new CliFailure("SPIFFE identity: " + e.getMessage() + OFFLINE_HINT + UNTOUCHED, e);
    }
    try (session) {
      SnapshotVerifyResponse answer = session.client().verifySnapshot(pinned.path());
      SnapshotTrust.Verdict verdict = SnapshotTrust.byNexus(answer, session.url().toString());
      if (verdict instanceof SnapshotTrust.Refused refused) {
        throw new CliFailure(
            "Nexus at "
                + session.url()
                + " refused snapshot "
                + file
                + ": "
                + refused.problem()
                + "; "
                + refused.remedy()
                + UNTOUCHED);
      }
      return verdict;
    } catch (ApiException e) {
      String line =
          OperatorErrors.explain(e, session.caller(), "verify a snapshot", Role.SUPERUSER, null)
              .orElseGet(
                  () -> ErrorMessages.forApi(e, "verify the snapshot " + file, session.caller()));
      throw new CliFailure(line + OFFLINE_HINT + UNTOUCHED, e);
    } catch (ApiUnreachableException e) {
      throw new CliFailure(
          ErrorMessages.forUnreachable(e, session.url()) + OFFLINE_HINT + UNTOUCHED, e);
    } catch (Json.JsonException e) {
      throw new CliFailure(
          ErrorMessages.forUnreadable(e, session.url()) + OFFLINE_HINT + UNTOUCHED, e);
    }
  }
}
