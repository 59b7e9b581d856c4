package io.spike.nexus.operator;

import static io.spike.nexus.ApiAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.ErrorCode;
import io.spike.api.NexusClient;
import io.spike.api.Routes;
import io.spike.crypto.KeyCheck;
import io.spike.crypto.RootKey;
import io.spike.crypto.Shamir;
import io.spike.crypto.Shard;
import io.spike.identity.Role;
import io.spike.nexus.Clusters;
import io.spike.nexus.NexusTestCluster;
import io.spike.store.SystemKey;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /v1/operator/recover} over real mTLS. */
class RecoverRouteTest {
  @RegisterExtension static final Clusters clusters = Clusters.perClass();
  private static NexusTestCluster live;
  private static NexusTestCluster sealed;
  private static List<byte[]> seeded;

  @BeforeAll
  static void start() {
    live = clusters.start();
    seeded = live.seedKeepers();
    live.awaitReady();
    sealed = clusters.start();
  }

  @Test
  void recoverRole_getsEveryShard_anyTwoCombineToTheCheckedKey() throws GeneralSecurityException {
    List<byte[]> shards = live.recoverShards();

    assertThat(shards).hasSize(3);
    byte[] check = live.store().system(SystemKey.KEY_CHECK).orElseThrow();
    for (int[] pair : new int[][] {{1, 2}, {1, 3}, {2, 3}}) {
      RootKey key =
          Shamir.combine(
              List.of(
                  Shard.of(pair[0], shards.get(pair[0] - 1)),
                  Shard.of(pair[1], shards.get(pair[1] - 1))));
      assertThat(KeyCheck.matches(key, check)).as("shards %s", pair).isTrue();
    }
    // the same shares bootstrap seeded: the split is deterministic
    for (int i = 0; i < 3; i++) {
      assertThat(shards.get(i)).isEqualTo(seeded.get(i));
    }
  }

  @Test
  void twoCalls_returnIdenticalShards() {
    List<byte[]> first = live.recoverShards();
    List<byte[]> second = live.recoverShards();

    for (int i = 0; i < 3; i++) {
      assertThat(second.get(i)).isEqualTo(first.get(i));
    }
  }

  @Test
  void response_isShardsById_as32Ints() {
    HttpResponse<String> response = live.post(live.recoverRole(), Routes.OPERATOR_RECOVER, "{}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(response.body())
        .matches(
            "\\{\"shards\":\\{\"1\":\\[(\\d{1,3},){31}\\d{1,3}\\],\"2\":\\[.*\\],\"3\":\\[.*\\]\\},"
                + "\"fingerprint\":\"([0-9a-f]{4}-){7}[0-9a-f]{4}\",\"threshold\":2,\"shares\":3\\}");
  }

  @Test
  void otherRoles_get401() {
    for (String path :
        List.of(Role.SUPERUSER.path(), Role.RESTORE.path(), Role.NEXUS.path(), "/apps/web")) {
      NexusClient client = live.client(live.svid(path));
      assertRefused(client::recover, ErrorCode.UNAUTHORIZED);
    }
    assertRefused(() -> sealed.client(sealed.superuser()).recover(), ErrorCode.UNAUTHORIZED);
  }

  @Test
  void sealed_is503() {
    assertRefused(() -> sealed.client(sealed.recoverRole()).recover(), ErrorCode.NOT_READY);
  }

  @Test
  void moreThan20CallsAMinute_is429() {
    NexusClient hammering = live.client(live.svid(Role.RECOVER.path() + "/hammering"));
    for (int i = 0; i < 20; i++) {
      assertThat(hammering.recover().shards()).hasSize(3);
    }

    assertRefused(hammering::recover, ErrorCode.RATE_LIMITED);
    assertThat(live.client(live.recoverRole()).recover().shards()).hasSize(3);
  }
}
