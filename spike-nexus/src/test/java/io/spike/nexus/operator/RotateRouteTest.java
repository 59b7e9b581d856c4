package io.spike.nexus.operator;

import static io.spike.nexus.ApiAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.api.ErrorCode;
import io.spike.api.NexusClient;
import io.spike.api.wire.PasswordRequest;
import io.spike.api.wire.RestoreRequest;
import io.spike.api.wire.RestoreResponse;
import io.spike.api.wire.RotateRequest;
import io.spike.api.wire.ShardValue;
import io.spike.crypto.KeyCheck;
import io.spike.crypto.Keyring;
import io.spike.crypto.RootKey;
import io.spike.crypto.Shamir;
import io.spike.crypto.Shard;
import io.spike.identity.Role;
import io.spike.nexus.Clusters;
import io.spike.nexus.NexusTestCluster;
import io.spike.store.SystemKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Online rotation of data keys and of the root key, over real mTLS with real keepers. */
class RotateRouteTest {
  @RegisterExtension final Clusters clusters = Clusters.perTest();
  private NexusTestCluster cluster;

  private void liveSystem() {
    cluster = clusters.startOnSqlite(Map.of());
    cluster.seedKeepers();
    cluster.awaitReady();
    admin().putSecret("apps/old", Map.of("v", "before"));
  }

  private NexusClient admin() {
    return cluster.client(cluster.superuser());
  }

  private int storedTerm(String path, int version) throws GeneralSecurityException {
    return Keyring.termOf(cluster.store().version(path, version).orElseThrow().ciphertext());
  }

  private RestoreResponse restore(int id, byte[] shard) {
    return cluster
        .client(cluster.restoreRole())
        .restore(new RestoreRequest(id, ShardValue.ofBytes(shard)));
  }

  @Test
  void rotateKeys_oldSecretsRead_newWritesUseTheNewTerm_andSurviveARestart()
      throws GeneralSecurityException {
    liveSystem();
    assertThat(storedTerm("apps/old", 1)).isEqualTo(1);

    admin().rotate(new RotateRequest("keys"));
    admin().putSecret("apps/new", Map.of("v", "after"));
    admin().putSecret("apps/old", Map.of("v", "second"));

    assertThat(admin().getSecret("apps/old", 1).data()).containsEntry("v", "before");
    assertThat(storedTerm("apps/new", 1)).isEqualTo(2);
    assertThat(storedTerm("apps/old", 2)).isEqualTo(2);
    admin().rotate(new RotateRequest("keys"));
    admin().putSecret("apps/third", Map.of("v", "3"));
    assertThat(storedTerm("apps/third", 1)).isEqualTo(3);

    cluster.restartNexus();
    cluster.awaitReady();
    assertThat(admin().getSecret("apps/old", 1).data()).containsEntry("v", "before");
    assertThat(admin().getSecret("apps/new", 0).data()).containsEntry("v", "after");
    assertThat(admin().getSecret("apps/third", 0).data()).containsEntry("v", "3");
  }

  @Test
  void rotateRoot_keepersGetNewShards_escrowIsDropped_andOldRecoveryShardsAreVoid() {
    liveSystem();
    admin().escrow(new PasswordRequest("a long escrow password"));
    List<byte[]> oldShards = cluster.recoverShards();
    byte[] oldCheck = cluster.store().system(SystemKey.KEY_CHECK).orElseThrow();

    admin().rotate(new RotateRequest("root"));

    List<byte[]> newShards = cluster.recoverShards();
    for (int id = 1; id <= 3; id++) {
      byte[] fresh = newShards.get(id - 1);
      assertThat(fresh).isNotEqualTo(oldShards.get(id - 1));
      assertThat(cluster.keeperShard(id))
          .hasValueSatisfying(held -> assertThat(held).isEqualTo(fresh));
    }
    assertThat(cluster.store().system(SystemKey.KEY_CHECK).orElseThrow()).isNotEqualTo(oldCheck);
    assertThat(cluster.store().system(SystemKey.ESCROW)).isEmpty();
    assertThat(admin().getSecret("apps/old", 0).data()).containsEntry("v", "before");

    // a Nexus crash recovers the new key from the keepers
    cluster.restartNexus();
    cluster.awaitReady();
    assertThat(admin().getSecret("apps/old", 0).data()).containsEntry("v", "before");

    // after a full loss, the old recovery shards are wrong, escrow is gone, the new shards work
    cluster.restartNexusWithEmptyKeepers();
    for (int id = 1; id <= 2; id++) {
      int shard = id;
      assertRefused(
          () -> restore(shard, oldShards.get(shard - 1)),
          ErrorCode.BAD_REQUEST,
          "recovery shard " + shard + " is not valid for this system");
    }
    assertRefused(
        () ->
            cluster
                .client(cluster.restoreRole())
                .unseal(new PasswordRequest("a long escrow password")),
        ErrorCode.NOT_FOUND,
        "no password escrow");
    // the old shards were never counted: two new ones restore
    assertThat(restore(1, newShards.get(0))).isEqualTo(new RestoreResponse(1, 1, false));
    assertThat(restore(2, newShards.get(1))).isEqualTo(new RestoreResponse(2, 0, true, List.of()));
    cluster.awaitReady();
    assertThat(admin().getSecret("apps/old", 0).data()).containsEntry("v", "before");
  }

  /**
   * Rotating the root key starts a new data-key term: what is written afterwards cannot be read
   * with the old root key and a copy of the old wrapped keyring (say, from a stolen backup).
   */
  @Test
  void rotateRoot_startsANewTerm_laterWritesDoNotOpenWithTheOldRootKeyAndOldKeyring()
      throws Exception {
    liveSystem();
    List<byte[]> oldShards = cluster.recoverShards();
    byte[] oldWrappedKeyring = cluster.store().system(SystemKey.KEYRING).orElseThrow();

    admin().rotate(new RotateRequest("root"));
    admin().putSecret("apps/after", Map.of("v", "new-secret"));

    assertThat(storedTerm("apps/after", 1)).isEqualTo(2);
    io.spike.crypto.RootKey oldRoot =
        io.spike.crypto.Shamir.combine(
            List.of(
                io.spike.crypto.Shard.of(1, oldShards.get(0)),
                io.spike.crypto.Shard.of(2, oldShards.get(1))));
    Keyring oldKeyring = Keyring.unwrap(oldRoot, oldWrappedKeyring);
    byte[] ciphertext = cluster.store().version("apps/after", 1).orElseThrow().ciphertext();
    assertThatThrownBy(
            () ->
                oldKeyring.decrypt(
                    ciphertext, "secret|apps/after|1".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(GeneralSecurityException.class);
    assertThat(admin().getSecret("apps/old", 0).data()).containsEntry("v", "before");
    oldKeyring.destroy();
    oldRoot.destroy();
  }

  @Test
  void rotateRoot_withAKeeperDown_is503_andChangesNothing() throws GeneralSecurityException {
    liveSystem();
    List<byte[]> oldShards = cluster.recoverShards();
    byte[] keyring = cluster.store().system(SystemKey.KEYRING).orElseThrow();
    cluster.stopKeeper(3);

    assertRefused(
        () -> admin().rotate(new RotateRequest("root")),
        ErrorCode.NOT_READY,
        "all keepers must be reachable to rotate the root key");

    RootKey old =
        Shamir.combine(List.of(Shard.of(1, oldShards.get(0)), Shard.of(2, oldShards.get(1))));
    assertThat(KeyCheck.matches(old, cluster.store().system(SystemKey.KEY_CHECK).orElseThrow()))
        .isTrue();
    assertThat(cluster.store().system(SystemKey.KEYRING).orElseThrow()).isEqualTo(keyring);
    assertThat(cluster.keeperShard(1))
        .hasValueSatisfying(held -> assertThat(held).isEqualTo(oldShards.get(0)));
    assertThat(cluster.keeperShard(2))
        .hasValueSatisfying(held -> assertThat(held).isEqualTo(oldShards.get(1)));
    assertThat(admin().getSecret("apps/old", 0).data()).containsEntry("v", "before");
    List<byte[]> after = cluster.recoverShards();
    assertThat(after.get(0)).isEqualTo(oldShards.get(0));
  }

  @Test
  void badTarget_is400_andOnlyTheSuperuserRotates() {
    liveSystem();

    assertRefused(
        () -> admin().rotate(new RotateRequest("everything")),
        ErrorCode.BAD_REQUEST,
        "\"keys\" or \"root\"");
    assertRefused(
        () -> admin().rotate(new RotateRequest(null)),
        ErrorCode.BAD_REQUEST,
        "\"keys\" or \"root\"");
    for (String path : List.of(Role.RESTORE.path(), Role.RECOVER.path(), "/apps/web")) {
      NexusClient client = cluster.client(cluster.svid(path));
      assertRefused(() -> client.rotate(new RotateRequest("keys")), ErrorCode.UNAUTHORIZED, "");
      assertRefused(() -> client.rotate(new RotateRequest("root")), ErrorCode.UNAUTHORIZED, "");
    }
  }
}
