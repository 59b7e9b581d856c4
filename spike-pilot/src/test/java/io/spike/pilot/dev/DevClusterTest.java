package io.spike.pilot.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DevClusterTest {
  private final DevLayout layout = new DevLayout(Path.of("/d"));

  @Test
  void ports_ofEachComponent() {
    assertThat(DevCluster.ports(Component.nexus())).containsExactly(8553, 8554);
    assertThat(DevCluster.ports(Component.keeper(2))).containsExactly(8543);
    assertThat(DevCluster.ports(Component.postgres())).containsExactly(8555);
  }

  @Test
  void startOver_resetsSqlite_removesTheDirectoryOtherwise() {
    assertThat(DevCluster.startOver(layout, new ClusterShape(1, 1, "sqlite", "t")))
        .isEqualTo("./spike operator reset --data-dir /d/data (or rm -rf /d)");
    assertThat(DevCluster.startOver(layout, new ClusterShape(1, 1, "postgres", "t", true)))
        .isEqualTo("rm -rf /d");
    assertThat(DevCluster.startOver(layout, new ClusterShape(1, 1, "postgres", "t", false)))
        .isEqualTo("rm -rf /d and empty the database at SPIKE_NEXUS_DB_URL");
  }
}
