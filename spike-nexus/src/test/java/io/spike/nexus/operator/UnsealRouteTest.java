package io.spike.nexus.operator;

import static io.spike.nexus.ApiAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.ErrorCode;
import io.spike.api.NexusClient;
import io.spike.api.wire.PasswordRequest;
import io.spike.api.wire.UnsealResponse;
import io.spike.identity.Role;
import io.spike.nexus.Clusters;
import io.spike.nexus.NexusTestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Password-escrow unseal after a full loss, over real mTLS. */
class UnsealRouteTest {
  private static final String PASSWORD = "correct horse battery staple";

  @RegisterExtension final Clusters clusters = Clusters.perTest();
  private NexusTestCluster cluster;

  private List<byte[]> liveSystem() {
    cluster = clusters.start();
    cluster.seedKeepers();
    cluster.awaitReady();
    cluster.client(cluster.superuser()).putSecret("apps/web/db", Map.of("pass", "p1"));
    return cluster.recoverShards();
  }

  private UnsealResponse unseal(String password) {
    return cluster.client(cluster.restoreRole()).unseal(new PasswordRequest(password));
  }

  @Test
  void afterFullLoss_theRightPasswordUnseals_wrongOnesAre401AndBackOff() {
    List<byte[]> shards = liveSystem();
    cluster.client(cluster.superuser()).escrow(new PasswordRequest(PASSWORD));
    cluster.restartNexusWithEmptyKeepers();

    assertRefused(
        () -> unseal("not the password at all"), ErrorCode.UNAUTHORIZED, "wrong password");
    assertRefused(
        () -> unseal(PASSWORD), ErrorCode.RATE_LIMITED, "too many wrong passwords; retry in 1 s");
    assertThat(cluster.nexus().isSealed()).isTrue();

    NexusTestCluster.sleep(1100);
    assertThat(unseal(PASSWORD)).isEqualTo(new UnsealResponse(true));

    cluster.awaitReady();
    assertThat(cluster.client(cluster.superuser()).getSecret("apps/web/db", 0).data())
        .containsEntry("pass", "p1");
    for (int id = 1; id <= 3; id++) {
      cluster.awaitKeeperShard(id, shards.get(id - 1), Duration.ofSeconds(5));
    }
  }

  @Test
  void withoutEscrow_is404_pointingToRestore() {
    liveSystem();
    cluster.restartNexusWithEmptyKeepers();

    assertRefused(
        () -> unseal(PASSWORD),
        ErrorCode.NOT_FOUND,
        "no password escrow; use spike operator restore");
  }

  @Test
  void unsealedNexus_is409() {
    liveSystem();
    cluster.client(cluster.superuser()).escrow(new PasswordRequest(PASSWORD));

    assertRefused(() -> unseal(PASSWORD), ErrorCode.CONFLICT, "already unsealed");
  }

  @Test
  void onlyTheRestoreRole_mayUnseal() {
    liveSystem();
    cluster.restartNexusWithEmptyKeepers();
    for (String path : List.of(Role.SUPERUSER.path(), Role.RECOVER.path(), "/apps/web")) {
      NexusClient client = cluster.client(cluster.svid(path));
      assertRefused(() -> client.unseal(new PasswordRequest(PASSWORD)), ErrorCode.UNAUTHORIZED, "");
    }
    assertRefused(() -> unseal(""), ErrorCode.BAD_REQUEST, "password is required");
  }
}
