package io.spike.nexus.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.api.ApiException;
import io.spike.api.ErrorCode;
import io.spike.api.NexusClient;
import io.spike.api.wire.PasswordRequest;
import io.spike.api.wire.UnsealResponse;
import io.spike.identity.Role;
import io.spike.nexus.NexusTestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Password-escrow unseal after a full loss, over real mTLS. */
class UnsealRouteTest {
  private static final String PASSWORD = "correct horse battery staple";

  @TempDir Path dir;
  private NexusTestCluster cluster;

  @AfterEach
  void tearDown() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private List<byte[]> liveSystem() {
    cluster = NexusTestCluster.start(dir);
    cluster.seedKeepers();
    cluster.awaitReady();
    cluster.client(cluster.superuser()).putSecret("apps/web/db", Map.of("pass", "p1"));
    return cluster.recoverShards();
  }

  private UnsealResponse unseal(String password) {
    return cluster.client(cluster.restoreRole()).unseal(new PasswordRequest(password));
  }

  private static void assertCode(ThrowingCallable call, ErrorCode code, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.status()).isEqualTo(code.status());
              assertThat(e.getMessage()).contains(message);
            });
  }

  @Test
  void afterFullLoss_theRightPasswordUnseals_wrongOnesAre401AndBackOff() {
    List<byte[]> shards = liveSystem();
    cluster.client(cluster.superuser()).escrow(new PasswordRequest(PASSWORD));
    cluster.restartNexusWithEmptyKeepers();

    assertCode(() -> unseal("not the password at all"), ErrorCode.UNAUTHORIZED, "wrong password");
    assertCode(
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

    assertCode(
        () -> unseal(PASSWORD),
        ErrorCode.NOT_FOUND,
        "no password escrow; use spike operator restore");
  }

  @Test
  void unsealedNexus_is409() {
    liveSystem();
    cluster.client(cluster.superuser()).escrow(new PasswordRequest(PASSWORD));

    assertCode(() -> unseal(PASSWORD), ErrorCode.CONFLICT, "already unsealed");
  }

  @Test
  void onlyTheRestoreRole_mayUnseal() {
    liveSystem();
    cluster.restartNexusWithEmptyKeepers();
    for (String path : List.of(Role.SUPERUSER.path(), Role.RECOVER.path(), "/apps/web")) {
      NexusClient client = cluster.client(cluster.svid(path));
      assertCode(() -> client.unseal(new PasswordRequest(PASSWORD)), ErrorCode.UNAUTHORIZED, "");
    }
    assertCode(() -> unseal(""), ErrorCode.BAD_REQUEST, "password is required");
  }
}
