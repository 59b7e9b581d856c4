package io.spike.nexus.sys;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.wire.StatusResponse;
import io.spike.identity.Role;
import io.spike.nexus.Clusters;
import io.spike.nexus.NexusTestCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusRouteTest {
  @RegisterExtension static final Clusters clusters = Clusters.perClass();
  private static NexusTestCluster cluster;

  @BeforeAll
  static void start() {
    cluster = clusters.start();
  }

  @Test
  @Order(1)
  void sealed_answersAnyIdentity_withSealedUninitialized_detailsForPrivilegedRolesOnly() {
    for (String path :
        new String[] {
          "/apps/anything",
          Role.KEEPER.path() + "/1",
          Role.BOOTSTRAP.path(),
          Role.NEXUS.path(),
          Role.RESTORE.path(),
          Role.RECOVER.path(),
          Role.SUPERUSER.path()
        }) {
      StatusResponse status = cluster.client(cluster.svid(path)).status();
      assertThat(status.state()).isEqualTo("sealed");
      assertThat(status.sealed()).isTrue();
      assertThat(status.initialized()).isFalse();
      boolean privileged = path.startsWith("/spike/pilot/role/");
      assertThat(status.details().isPresent()).as(path).isEqualTo(privileged);
      if (privileged) {
        StatusResponse.Details details = status.details().orElseThrow();
        assertThat(details.shares()).isEqualTo(3);
        assertThat(details.threshold()).isEqualTo(2);
        assertThat(details.restore()).isEqualTo(new StatusResponse.Restore(0, 2));
        assertThat(details.backend()).isEqualTo("memory");
        assertThat(details.lastBackup()).isEmpty();
        assertThat(details.keepers())
            .extracting(StatusResponse.Keeper::id)
            .containsExactly(1, 2, 3);
      }
    }
  }

  /**
   * A workload without a policy learns no keeper URL, backend or audit head from the raw answer.
   */
  @Test
  @Order(3)
  void workload_rawAnswer_holdsStateAndInitializedOnly() {
    String body = cluster.post(cluster.workload(), io.spike.api.Routes.SYS_STATUS, "{}").body();
    assertThat(body).isEqualTo("{\"state\":\"unsealed\",\"initialized\":true}");
  }

  @Test
  @Order(2)
  void unsealed_isInitialized_withKeepersReachable() {
    cluster.seedKeepers();
    cluster.awaitReady();
    StatusResponse status = cluster.client(cluster.superuser()).status();
    assertThat(status.state()).isEqualTo("unsealed");
    assertThat(status.initialized()).isTrue();
    assertThat(status.keepers())
        .allSatisfy(
            k -> {
              assertThat(k.reachable()).isTrue();
              assertThat(k.lastContact()).isPresent();
              assertThat(k.url()).startsWith("https://127.0.0.1:");
            });
  }
}
