package io.spike.nexus.operator;

import io.spike.api.wire.RestoreRequest;
import io.spike.api.wire.VerifyShardResponse;
import io.spike.crypto.Shard;
import io.spike.crypto.ShardCommitments;
import io.spike.identity.SpiffeId;
import io.spike.nexus.recovery.StoredCommitments;
import io.spike.nexus.recovery.SubmittedShard;
import io.spike.nexus.refusal.Refusal;
import io.spike.server.pipeline.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/operator/verify-shard}, registered by {@link OperatorRoutes}: {@code {id, shard:[32
 * ints]}} → {@code {id, valid, fingerprint, threshold, shares}}, for the pilot-recover and
 * pilot-restore roles (exact roles), sealed or not. The shard is checked against the stored shard
 * commitments alone ({@link ShardCommitments#verify}): no other shard and no root key is needed. No
 * commitments stored: 409. Rate limited per caller together with the other operator routes; the
 * shard is wiped after use and logged by id only.
 */
record VerifyShardRoute(StoredCommitments commitments, OperatorRateLimit limit) {
  private static final Logger LOG = LoggerFactory.getLogger(VerifyShardRoute.class);

  Reply handle(SpiffeId caller, RestoreRequest request) {
    try {
      limit.check(caller);
      ShardCommitments stored =
          commitments
              .load()
              .orElseThrow(
                  () ->
                      Refusal.conflict(
                          "no shard commitments are stored: nexus writes them at bootstrap, at"
                              + " every root rotation and at the first unseal after an upgrade;"
                              + " unseal it once, then verify again"));
      if (request.id() < 1 || request.id() > stored.shares()) {
        throw Refusal.invalid("shard id must be 1.." + stored.shares() + ", not " + request.id());
      }
      Shard shard = SubmittedShard.parse(request.id(), request.shard());
      boolean valid;
      try {
        valid = stored.verify(shard);
      } finally {
        shard.destroy();
      }
      LOG.info(
          "verify-shard: shard {} from {} is {}valid (commitments {})",
          request.id(),
          caller,
          valid ? "" : "NOT ",
          stored.fingerprint());
      return Reply.json(
          new VerifyShardResponse(
              request.id(), valid, stored.fingerprint(), stored.threshold(), stored.shares()));
    } finally {
      if (request.shard() != null) {
        request.shard().destroy();
      }
    }
  }
}
