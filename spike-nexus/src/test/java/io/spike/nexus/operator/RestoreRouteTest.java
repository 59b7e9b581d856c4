package io.spike.nexus.operator;

import static io.spike.nexus.ApiAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.api.ApiException;
import io.spike.api.ErrorCode;
import io.spike.api.NexusClient;
import io.spike.api.Routes;
import io.spike.api.wire.PasswordRequest;
import io.spike.api.wire.PolicyPutRequest;
import io.spike.api.wire.RestoreRequest;
import io.spike.api.wire.RestoreResponse;
import io.spike.api.wire.ShardValue;
import io.spike.api.wire.StatusResponse;
import io.spike.config.Settings;
import io.spike.crypto.ShardCommitments;
import io.spike.identity.Role;
import io.spike.nexus.Clusters;
import io.spike.nexus.NexusTestCluster;
import io.spike.store.SystemKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Break-glass restore over real mTLS: a Nexus that lost every keeper, fed recovery shards. */
class RestoreRouteTest {
  @RegisterExtension final Clusters clusters = Clusters.perTest();
  private NexusTestCluster cluster;

  /** A live system with a secret and a policy; returns its recovery shards. */
  private List<byte[]> liveSystem(Map<String, String> env) {
    cluster = clusters.start(new io.spike.store.StoreConfig.Memory(), env);
    cluster.seedKeepers();
    cluster.awaitReady();
    NexusClient admin = cluster.client(cluster.superuser());
    admin.putSecret("apps/web/db", Map.of("pass", "p1"));
    admin.putPolicy(
        new PolicyPutRequest(
            "web-read", "^spiffe://spike\\.ist/apps/web$", "^apps/web/.*", List.of("read")));
    return cluster.recoverShards();
  }

  private List<byte[]> lostEverything() {
    List<byte[]> shards = liveSystem(Map.of());
    cluster.restartNexusWithEmptyKeepers();
    assertThat(cluster.nexus().isSealed()).isTrue();
    return shards;
  }

  private RestoreResponse restore(int id, byte[] shard) {
    return cluster
        .client(cluster.restoreRole())
        .restore(new RestoreRequest(id, ShardValue.ofBytes(shard)));
  }

  /** The shard with one hex digit (the last) changed. */
  private static byte[] oneDigitChanged(byte[] shard) {
    byte[] bad = shard.clone();
    bad[31] ^= 0x01;
    return bad;
  }

  @Test
  void fullLoss_twoShardsRestoreEverything_andKeepersAreRefilled() {
    List<byte[]> shards = lostEverything();

    assertThat(restore(1, shards.get(0))).isEqualTo(new RestoreResponse(1, 1, false));
    assertThat(cluster.client(cluster.superuser()).status().restore())
        .contains(new StatusResponse.Restore(1, 1));
    assertThat(restore(1, shards.get(0))).isEqualTo(new RestoreResponse(1, 1, false));
    assertThat(restore(3, shards.get(2))).isEqualTo(new RestoreResponse(2, 0, true, List.of()));

    cluster.awaitReady();
    NexusClient admin = cluster.client(cluster.superuser());
    assertThat(admin.getSecret("apps/web/db", 0).data()).containsEntry("pass", "p1");
    assertThat(admin.getPolicy("web-read").pathPattern()).isEqualTo("^apps/web/.*");
    assertThat(cluster.client(cluster.workload()).getSecret("apps/web/db", 0).data())
        .containsEntry("pass", "p1");
    for (int id = 1; id <= 3; id++) {
      cluster.awaitKeeperShard(id, shards.get(id - 1), Duration.ofSeconds(5));
    }
    // and a later crash of Nexus alone recovers from the refilled keepers
    cluster.restartNexus();
    cluster.awaitReady();
    assertThat(cluster.client(cluster.superuser()).getSecret("apps/web/db", 0).data())
        .containsEntry("pass", "p1");
  }

  @Test
  void wrongShard_withThreshold_isNamedOnArrival_neverCounted_andTheCorrectedShardRestores() {
    List<byte[]> shards = lostEverything();
    String fingerprint = fingerprint();
    restore(1, shards.get(0));

    assertRefused(
        () -> restore(2, oneDigitChanged(shards.get(1))),
        ErrorCode.BAD_REQUEST,
        "recovery shard 2 is not valid for this system (commitments " + fingerprint + ")");
    assertThat(cluster.nexus().isSealed()).isTrue();
    assertThat(cluster.client(cluster.superuser()).status().restore())
        .contains(new StatusResponse.Restore(1, 1));

    assertThat(restore(2, shards.get(1))).isEqualTo(new RestoreResponse(2, 0, true, List.of()));
    cluster.awaitReady();
  }

  @Test
  void withoutCommitments_aWrongShardIsFoundAtThreshold_asBefore() {
    List<byte[]> shards = liveSystem(Map.of());
    cluster.store().updateSystem(Map.of(), java.util.Set.of(SystemKey.SHARD_COMMITMENTS));
    cluster.restartNexusWithEmptyKeepers();
    restore(1, shards.get(0));

    assertRefused(
        () -> restore(2, oneDigitChanged(shards.get(1))),
        ErrorCode.BAD_REQUEST,
        "the shards 1, 2 do not reconstruct the root key: at least one is wrong");
    assertThat(cluster.client(cluster.superuser()).status().restore())
        .contains(new StatusResponse.Restore(2, 0));

    assertThat(restore(2, shards.get(1))).isEqualTo(new RestoreResponse(2, 0, true, List.of()));
    cluster.awaitReady();
    // the first unseal after the upgrade stores the commitments
    assertThat(awaitCommitments()).isTrue();
  }

  @Test
  void wrongShard_amongThree_isRefused_andTheOtherTwoRestore() {
    List<byte[]> shards = lostEverything();
    restore(1, shards.get(0));
    assertThatThrownBy(() -> restore(2, oneDigitChanged(shards.get(1))))
        .isInstanceOf(ApiException.class);

    assertThat(restore(3, shards.get(2))).isEqualTo(new RestoreResponse(2, 0, true, List.of()));
    cluster.awaitReady();
    // the push after unseal gives keeper 2 its right shard
    cluster.awaitKeeperShard(2, shards.get(1), Duration.ofSeconds(5));
  }

  private String fingerprint() {
    return ShardCommitments.decode(
            cluster.store().system(SystemKey.SHARD_COMMITMENTS).orElseThrow())
        .fingerprint();
  }

  private boolean awaitCommitments() {
    for (int i = 0; i < 100; i++) {
      if (cluster.store().system(SystemKey.SHARD_COMMITMENTS).isPresent()) {
        return true;
      }
      NexusTestCluster.sleep(50);
    }
    return false;
  }

  @Test
  void idOutOfRange_orMalformedShard_is400() {
    List<byte[]> shards = lostEverything();

    assertRefused(() -> restore(0, shards.get(0)), ErrorCode.BAD_REQUEST, "shard id must be 1..3");
    assertRefused(() -> restore(4, shards.get(0)), ErrorCode.BAD_REQUEST, "shard id must be 1..3");
    assertRefused(() -> restore(1, new byte[32]), ErrorCode.BAD_REQUEST, "zeros");
    assertThat(rawRestoreStatus("{\"id\":1,\"shard\":[1,2,3]}")).isEqualTo(400);
    assertThat(rawRestoreStatus("{\"id\":1}")).isEqualTo(400);
    assertThat(cluster.client(cluster.superuser()).status().restore())
        .contains(new StatusResponse.Restore(0, 2));
  }

  @Test
  void unsealedNexus_is409() {
    List<byte[]> shards = liveSystem(Map.of());

    assertRefused(() -> restore(1, shards.get(0)), ErrorCode.CONFLICT, "unsealed");
  }

  @Test
  void neverBootstrappedStore_is409() {
    cluster = clusters.start();

    assertRefused(
        () ->
            restore(
                1,
                new byte[] {
                  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
                  24, 25, 26, 27, 28, 29, 30, 31, 32
                }),
        ErrorCode.CONFLICT,
        "never bootstrapped");
  }

  @Test
  void onlyTheRestoreRole_mayRestore_andItMayDoNothingElse() {
    List<byte[]> shards = lostEverything();
    RestoreRequest request = new RestoreRequest(1, ShardValue.ofBytes(shards.get(0)));
    for (String path :
        List.of(Role.SUPERUSER.path(), Role.RECOVER.path(), Role.NEXUS.path(), "/apps/web")) {
      assertRefused(
          () -> cluster.client(cluster.svid(path)).restore(request), ErrorCode.UNAUTHORIZED, "");
    }
    assertThat(cluster.client(cluster.superuser()).status().restore().orElseThrow().collected())
        .isZero();

    restore(1, shards.get(0));
    restore(2, shards.get(1));
    cluster.awaitReady();
    NexusClient restorer = cluster.client(cluster.restoreRole());
    assertRefused(restorer::recover, ErrorCode.UNAUTHORIZED, "");
    assertRefused(() -> restorer.getSecret("apps/web/db", 0), ErrorCode.UNAUTHORIZED, "");
    assertRefused(() -> restorer.putSecret("apps/x", Map.of("k", "v")), ErrorCode.UNAUTHORIZED, "");
    assertRefused(restorer::listSecrets, ErrorCode.UNAUTHORIZED, "");
  }

  @Test
  void partialSet_expiresAfterTheRestoreTtl() {
    List<byte[]> shards = liveSystem(Map.of(Settings.RESTORE_TTL.name(), "300ms"));
    cluster.restartNexusWithEmptyKeepers();
    restore(1, shards.get(0));

    NexusTestCluster.sleep(700);

    assertThat(cluster.client(cluster.superuser()).status().restore())
        .contains(new StatusResponse.Restore(0, 2));
    assertThat(restore(2, shards.get(1))).isEqualTo(new RestoreResponse(1, 1, false));
    assertThat(cluster.nexus().isSealed()).isTrue();
  }

  @Test
  void moreThan20RestoreOrUnsealCallsAMinute_is429() {
    List<byte[]> shards = liveSystem(Map.of());
    NexusClient restorer = cluster.client(cluster.restoreRole());
    for (int i = 0; i < 10; i++) {
      assertRefused(() -> restore(1, shards.get(0)), ErrorCode.CONFLICT, "unsealed");
      assertRefused(
          () -> restorer.unseal(new PasswordRequest("whatever-password")),
          ErrorCode.CONFLICT,
          "unsealed");
    }

    assertRefused(() -> restore(1, shards.get(0)), ErrorCode.RATE_LIMITED, "retry in");
    assertRefused(
        () -> restorer.unseal(new PasswordRequest("whatever-password")),
        ErrorCode.RATE_LIMITED,
        "retry in");
    // another identity holding the role is counted on its own
    assertRefused(
        () ->
            cluster
                .client(cluster.svid(Role.RESTORE.path() + "/other"))
                .restore(new RestoreRequest(1, ShardValue.ofBytes(shards.get(0)))),
        ErrorCode.CONFLICT,
        "unsealed");
  }

  /** The status of a restore call with {@code json} as its body, as the restore role. */
  private int rawRestoreStatus(String json) {
    return cluster.post(cluster.restoreRole(), Routes.OPERATOR_RESTORE, json).statusCode();
  }
}
