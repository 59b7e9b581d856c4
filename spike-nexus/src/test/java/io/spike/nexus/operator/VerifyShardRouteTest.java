package io.spike.nexus.operator;

import static io.spike.nexus.ApiAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.ErrorCode;
import io.spike.api.wire.RestoreRequest;
import io.spike.api.wire.RotateRequest;
import io.spike.api.wire.ShardValue;
import io.spike.api.wire.VerifyShardResponse;
import io.spike.crypto.ShardCommitments;
import io.spike.identity.Role;
import io.spike.nexus.Clusters;
import io.spike.nexus.NexusTestCluster;
import io.spike.store.SystemKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /v1/operator/verify-shard} over real mTLS. */
class VerifyShardRouteTest {
  @RegisterExtension final Clusters clusters = Clusters.perTest();
  private NexusTestCluster cluster;

  private List<byte[]> liveSystem() {
    cluster = clusters.start();
    cluster.seedKeepers();
    cluster.awaitReady();
    return cluster.recoverShards();
  }

  private VerifyShardResponse verify(Role role, int id, byte[] shard) {
    return cluster
        .client(cluster.svid(role.path()))
        .verifyShard(new RestoreRequest(id, ShardValue.ofBytes(shard)));
  }

  private String fingerprint() {
    return ShardCommitments.decode(
            cluster.store().system(SystemKey.SHARD_COMMITMENTS).orElseThrow())
        .fingerprint();
  }

  @Test
  void everyRealShard_isValid_forRecoverAndRestoreRoles_andAWrongOneIsNot() {
    List<byte[]> shards = liveSystem();
    String fingerprint = fingerprint();

    for (int id = 1; id <= 3; id++) {
      for (Role role : List.of(Role.RECOVER, Role.RESTORE)) {
        assertThat(verify(role, id, shards.get(id - 1)))
            .isEqualTo(new VerifyShardResponse(id, true, fingerprint, 2, 3));
      }
    }
    byte[] changed = shards.get(1).clone();
    changed[31] ^= 0x01;
    assertThat(verify(Role.RECOVER, 2, changed).valid()).isFalse();
    assertThat(verify(Role.RECOVER, 3, shards.get(1)).valid()).as("shard 2 named 3").isFalse();
    assertThat(cluster.client(cluster.recoverRole()).recover().fingerprint())
        .isEqualTo(fingerprint);
  }

  @Test
  void anotherSystemsShard_isNotValid() {
    List<byte[]> others = liveSystem();
    NexusTestCluster other = cluster;
    liveSystem();

    assertThat(verify(Role.RESTORE, 1, others.get(0)).valid()).isFalse();
    assertThat(
            ShardCommitments.decode(other.store().system(SystemKey.SHARD_COMMITMENTS).orElseThrow())
                .fingerprint())
        .isNotEqualTo(fingerprint());
  }

  @Test
  void afterRootRotation_oldShardsAreNotValid_newOnesAre() {
    List<byte[]> before = liveSystem();
    String oldFingerprint = fingerprint();

    cluster.client(cluster.superuser()).rotate(new RotateRequest("root"));
    List<byte[]> after = cluster.recoverShards();

    assertThat(fingerprint()).isNotEqualTo(oldFingerprint);
    for (int id = 1; id <= 3; id++) {
      assertThat(verify(Role.RECOVER, id, before.get(id - 1)).valid()).isFalse();
      assertThat(verify(Role.RECOVER, id, after.get(id - 1)).valid()).isTrue();
    }
  }

  @Test
  void sealedNexus_stillVerifies() {
    List<byte[]> shards = liveSystem();
    cluster.restartNexusWithEmptyKeepers();
    assertThat(cluster.nexus().isSealed()).isTrue();

    assertThat(verify(Role.RESTORE, 1, shards.get(0)).valid()).isTrue();
    assertThat(cluster.nexus().isSealed()).isTrue();
  }

  @Test
  void noCommitmentsStored_is409_andOtherRoles_are401() {
    List<byte[]> shards = liveSystem();
    // every identity but recover and restore: superuser, Nexus itself, a stolen bootstrap or
    // keeper SVID, and a workload with no policy
    for (String path :
        List.of(
            Role.SUPERUSER.path(),
            Role.NEXUS.path(),
            Role.BOOTSTRAP.path(),
            Role.KEEPER.path() + "/1",
            "/apps/web")) {
      assertRefused(
          () ->
              cluster
                  .client(cluster.svid(path))
                  .verifyShard(new RestoreRequest(1, ShardValue.ofBytes(shards.get(0)))),
          ErrorCode.UNAUTHORIZED,
          "");
    }
    assertRefused(() -> verify(Role.RECOVER, 4, shards.get(0)), ErrorCode.BAD_REQUEST, "1..3");

    cluster.store().updateSystem(Map.of(), Set.of(SystemKey.SHARD_COMMITMENTS));

    assertRefused(
        () -> verify(Role.RECOVER, 1, shards.get(0)),
        ErrorCode.CONFLICT,
        "no shard commitments are stored");
  }
}
