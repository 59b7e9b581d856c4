package io.spike.nexus.sys;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.wire.StatusResponse;
import io.spike.identity.Role;
import io.spike.nexus.NexusTestCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusRouteTest {
  @TempDir static Path dir;
  private static NexusTestCluster cluster;

  @BeforeAll
  static void start() {
    cluster = NexusTestCluster.start(dir);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  @Order(1)
  void sealed_answersAnyIdentity_withSealedUninitialized() {
    for (String path : new String[] {"/apps/anything", Role.KEEPER.path() + "/1", Role.RESTORE.path()}) {
      StatusResponse status = cluster.client(cluster.svid(path)).status();
      assertThat(status.state()).isEqualTo("sealed");
      assertThat(status.sealed()).isTrue();
      assertThat(status.initialized()).isFalse();
      assertThat(status.shares()).isEqualTo(3);
      assertThat(status.threshold()).isEqualTo(2);
      assertThat(status.restore()).isEqualTo(new StatusResponse.Restore(0, 2));
      assertThat(status.backend()).isEqualTo("memory");
      assertThat(status.lastBackup()).isEmpty();
      assertThat(status.keepers()).extracting(StatusResponse.Keeper::id).containsExactly(1, 2, 3);
    }
  }

  @Test
  @Order(2)
  void unsealed_isInitialized_withKeepersReachable() {
    cluster.seedKeepers();
    cluster.awaitReady();
    StatusResponse status = cluster.client(cluster.workload()).status();
    assertThat(status.state()).isEqualTo("unsealed");
    assertThat(status.initialized()).isTrue();
    assertThat(status.keepers()).allSatisfy(k -> {
      assertThat(k.reachable()).isTrue();
      assertThat(k.lastContact()).isPresent();
      assertThat(k.url()).startsWith("https://127.0.0.1:");
    });
  }
}
