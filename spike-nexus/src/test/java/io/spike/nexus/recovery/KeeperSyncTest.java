package io.spike.nexus.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.NexusClient;
import io.spike.api.wire.PolicyPutRequest;
import io.spike.api.wire.ShardValue;
import io.spike.api.wire.StatusResponse;
import io.spike.config.Settings;
import io.spike.crypto.KeyCheck;
import io.spike.crypto.Keyring;
import io.spike.crypto.RootKey;
import io.spike.crypto.SecretBytes;
import io.spike.crypto.Shamir;
import io.spike.crypto.Shard;
import io.spike.crypto.ShardCommitments;
import io.spike.identity.Role;
import io.spike.nexus.Clusters;
import io.spike.nexus.NexusTestCluster;
import io.spike.store.SystemKey;
import io.spike.testkit.LogCapture;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Recovery from keepers with real keepers and a real SQLite store. */
class KeeperSyncTest {
  @RegisterExtension final Clusters clusters = Clusters.perTest();
  private NexusTestCluster cluster;

  private NexusTestCluster start(Map<String, String> env) {
    cluster = clusters.startOnSqlite(env);
    return cluster;
  }

  private List<byte[]> bootWithData() {
    List<byte[]> shards = cluster.seedKeepers();
    cluster.awaitReady();
    NexusClient admin = cluster.client(cluster.superuser());
    admin.putSecret("apps/web/db", Map.of("user", "u", "pass", "p"));
    admin.putPolicy(
        new PolicyPutRequest(
            "web-read", "^spiffe://spike\\.ist/apps/web$", "^apps/web/.*", List.of("read")));
    return shards;
  }

  private void assertServesSameData() {
    assertThat(cluster.client(cluster.superuser()).getSecret("apps/web/db", 0).data())
        .isEqualTo(Map.of("user", "u", "pass", "p"));
    assertThat(cluster.client(cluster.superuser()).getPolicy("web-read").pathPattern())
        .isEqualTo("^apps/web/.*");
    assertThat(cluster.client(cluster.workload()).getSecret("apps/web/db", 0).data())
        .containsEntry("pass", "p");
  }

  @Test
  void restart_unsealsByItself_andServesSameSecretsAndPolicies() {
    start(Map.of());
    bootWithData();
    cluster.restartNexus();
    assertThat(cluster.nexus().isSealed()).isTrue();
    cluster.awaitReady();
    assertServesSameData();
  }

  /**
   * A keeper SVID stolen from keeper 2 and served at keeper 1's address: Nexus checks the exact
   * identity of each keeper at the handshake, so the impostor never gets shard 1 (nor is read).
   */
  @Test
  void keeperWithAnotherKeepersIdentity_atItsAddress_neverGetsItsShard() {
    start(Map.of(Settings.KEEPER_UPDATE_INTERVAL.name(), "200ms"));
    bootWithData();
    cluster.stopKeeper(1);
    cluster.startKeeperAs(1, Role.KEEPER.path() + "/2");
    NexusTestCluster.sleep(1500);
    assertThat(cluster.keeperShard(1)).isEmpty();
    List<StatusResponse.Keeper> keepers = cluster.client(cluster.superuser()).status().keepers();
    assertThat(keepers.get(0).reachable()).isFalse();
  }

  @Test
  void restart_withOneKeeperStopped_stillUnseals() {
    start(Map.of());
    bootWithData();
    cluster.stopKeeper(2);
    cluster.restartNexus();
    cluster.awaitReady();
    assertServesSameData();
    List<StatusResponse.Keeper> keepers = cluster.client(cluster.superuser()).status().keepers();
    assertThat(keepers)
        .extracting(StatusResponse.Keeper::reachable)
        .containsExactly(true, false, true);
  }

  @Test
  void restart_withWrongShardOnKeeper3_unsealsFromTheOthers_andNamesIt() {
    start(Map.of());
    List<byte[]> shards = bootWithData();
    byte[] wrong = new byte[32];
    new SecureRandom().nextBytes(wrong);
    wrong[0] &= 0x7f;
    cluster.keeperClient(3, cluster.svid(Role.NEXUS.path())).contribute(ShardValue.ofBytes(wrong));
    try (LogCapture logs = LogCapture.start()) {
      cluster.restartNexus();
      cluster.awaitReady();
      String url = cluster.config().keepers().peers().get(2).toString();
      assertThat(logs.lines())
          .anySatisfy(
              line ->
                  assertThat(line)
                      .isEqualTo(
                          "WARN io.spike.nexus.recovery.KeeperSync - keeper 3 ("
                              + url
                              + ") holds a wrong shard; ignoring it"));
      assertThat(logs.lines()).filteredOn(line -> line.contains("wrong shard")).hasSize(1);
      assertThat(logs.text()).contains("root key recovered from keepers");
    }
    assertServesSameData();
    // The push right after unseal puts the right shard back, which clears the keeper's health.
    awaitShard(3, shards.get(2), Duration.ofSeconds(5));
    assertThat(cluster.client(cluster.superuser()).status().keepers())
        .extracting(StatusResponse.Keeper::health)
        .containsOnly(Optional.empty());
    assertThat(cluster.ops("/metrics").body())
        .contains("spike_keeper_wrong_shard{keeper=\"3\"} 0.0");
  }

  @Test
  void restart_withEveryShardWrong_staysSealed_andAdoptsNothing() {
    start(Map.of());
    bootWithData();
    SecureRandom random = new SecureRandom();
    for (int id = 1; id <= 3; id++) {
      byte[] wrong = new byte[32];
      random.nextBytes(wrong);
      wrong[0] &= 0x7f;
      cluster
          .keeperClient(id, cluster.svid(Role.NEXUS.path()))
          .contribute(ShardValue.ofBytes(wrong));
    }
    try (LogCapture logs = LogCapture.start()) {
      cluster.restartNexus();
      NexusTestCluster.sleep(1000);
      assertThat(cluster.opsStatus("/readyz")).isEqualTo(503);
      assertThat(cluster.client(cluster.superuser()).status().initialized()).isTrue();
      // the stored commitments refuse each shard as it arrives: none is ever collected
      for (int id = 1; id <= 3; id++) {
        assertThat(logs.text()).contains("keeper " + id + " (").contains("holds a wrong shard");
      }
      assertThat(logs.text()).doesNotContain("do not give the root key");
    }
    assertThat(cluster.client(cluster.superuser()).status().keepers())
        .extracting(StatusResponse.Keeper::health)
        .containsOnly(Optional.of(StatusResponse.Keeper.WRONG_SHARD));
    assertThat(cluster.ops("/metrics").body())
        .contains("spike_keeper_wrong_shard{keeper=\"1\"} 1.0")
        .contains("spike_keeper_wrong_shard{keeper=\"3\"} 1.0")
        .contains("spike_shamir_threshold 2.0");
  }

  @Test
  void restartedEmptyKeeper_isRefilledWithinOneUpdateInterval() {
    start(Map.of(Settings.KEEPER_UPDATE_INTERVAL.name(), "1s"));
    List<byte[]> shards = bootWithData();
    cluster.stopKeeper(1);
    cluster.startKeeper(1);
    assertThat(cluster.keeperClient(1, cluster.svid(Role.NEXUS.path())).shard()).isEmpty();
    long started = System.nanoTime();
    awaitShard(1, shards.get(0), Duration.ofSeconds(3));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
  }

  @Test
  void sealed_keepsPolling_untilKeepersAreSeeded() {
    start(Map.of());
    NexusTestCluster.sleep(600);
    assertThat(cluster.opsStatus("/readyz")).isEqualTo(503);
    assertThat(cluster.client(cluster.superuser()).status().keepers())
        .allSatisfy(k -> assertThat(k.reachable()).isTrue());
    cluster.seedKeepers();
    cluster.awaitReady();
    assertThat(cluster.client(cluster.superuser()).status().initialized()).isTrue();
  }

  @Test
  void rootKeyRotatedByAnotherReplica_resealsAndRecoversTheNewKeyFromKeepers() throws Exception {
    start(Map.of(Settings.KEEPER_UPDATE_INTERVAL.name(), "300ms"));
    RootKey oldKey = RootKey.generate(new SecureRandom());
    cluster.seedKeepers(oldKey);
    cluster.awaitReady();
    cluster.client(cluster.superuser()).putSecret("apps/web/db", Map.of("pass", "p"));
    RootKey newKey = RootKey.generate(new SecureRandom());
    Keyring keyring =
        Keyring.unwrap(oldKey, cluster.store().system(SystemKey.KEYRING).orElseThrow());

    try (LogCapture logs = LogCapture.start()) {
      // what the other replica's rotation leaves behind: the store and the keepers on the new key
      cluster
          .store()
          .updateSystem(
              Map.of(
                  SystemKey.KEYRING,
                  keyring.wrap(newKey),
                  SystemKey.KEY_CHECK,
                  KeyCheck.create(newKey),
                  SystemKey.SHARD_COMMITMENTS,
                  ShardCommitments.of(newKey, 3, 2).encode()),
              Set.of(SystemKey.ESCROW));
      cluster.pushShardsAsNexus(newKey);

      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (!logs.text().contains("no longer matches this nexus's root key")
          && System.nanoTime() < deadline) {
        NexusTestCluster.sleep(50);
      }
      assertThat(logs.text()).contains("sealing and recovering the root key from the keepers");
      cluster.awaitReady();
    }
    assertThat(cluster.client(cluster.superuser()).getSecret("apps/web/db", 0).data())
        .containsEntry("pass", "p");
    List<byte[]> recovered = cluster.recoverShards();
    List<Shard> expected = Shamir.split(newKey, 3, 2);
    SecretBytes first = expected.get(0).value();
    assertThat(recovered.get(0)).isEqualTo(first.copyBytes());
    first.destroy();
    expected.forEach(Shard::destroy);
    keyring.destroy();
  }

  private void awaitShard(int keeper, byte[] expected, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<ShardValue> held =
          cluster.keeperClient(keeper, cluster.svid(Role.NEXUS.path())).shard();
      if (held.isPresent() && held.get().equals(ShardValue.ofBytes(expected))) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("keeper " + keeper + " was not refilled within " + timeout);
      }
      NexusTestCluster.sleep(50);
    }
  }
}
