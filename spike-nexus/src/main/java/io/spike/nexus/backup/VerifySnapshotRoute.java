package io.spike.nexus.backup;

import io.spike.api.wire.SnapshotVerifyResponse;
import io.spike.crypto.RootKey;
import io.spike.crypto.SecretBytes;
import io.spike.identity.SpiffeId;
import io.spike.nexus.barrier.Barrier;
import io.spike.server.pipeline.Reply;
import io.spike.server.pipeline.Upload;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/operator/snapshot?action=verify}, registered by {@link BackupRoutes}: the body is a
 * snapshot file ({@code application/octet-stream}, at most {@code SPIKE_NEXUS_MAX_SNAPSHOT_BYTES},
 * else 413); superuser only, unsealed only. Nexus checks it with its own root key ({@link
 * SnapshotVerifier}) and answers 200 with {@link SnapshotVerifyResponse}: {@code ok:false} and the
 * problems when the snapshot is damaged, unsigned, signed by another key, from another root key, or
 * holds a record that does not decrypt. {@code spike snapshot restore} without {@code --shards}
 * relies on this answer before it writes anything.
 *
 * <p>The upload goes to a temporary file (0600) that is deleted when the route returns. The
 * verification runs on a copy of the root key (destroyed afterwards), so a long verification never
 * holds the barrier against rotation or sealing.
 */
record VerifySnapshotRoute(Barrier barrier, long maxBytes) {
  private static final Logger LOG = LoggerFactory.getLogger(VerifySnapshotRoute.class);

  Reply handle(SpiffeId caller, Upload upload) {
    Path file = upload.receive(maxBytes);
    RootKey key = barrier.withRootKey(VerifySnapshotRoute::copy);
    try {
      SnapshotVerifyResponse result = new SnapshotVerifier(key, file).verify();
      LOG.info(
          "snapshot verified for {}: ok={}, signed={}, {} problem(s)",
          caller,
          result.ok(),
          result.signed(),
          result.problems().size());
      return Reply.json(result);
    } finally {
      key.destroy();
    }
  }

  static RootKey copy(RootKey key) {
    SecretBytes material = key.material();
    byte[] bytes = material.copyBytes();
    try {
      return RootKey.fromBytes(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the root key held does not copy", e);
    } finally {
      SecretBytes.wipe(bytes);
      material.destroy();
    }
  }
}
