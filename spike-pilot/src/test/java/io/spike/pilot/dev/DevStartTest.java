package io.spike.pilot.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevStartTest {
  @TempDir Path dir;

  @Test
  void start_withoutCluster_exits1_beforeStartingAnything() {
    assertThat(NoDevCluster.refusal(dir, "start", "nexus"))
        .isEqualTo(
            "spike: no dev cluster in " + dir.toAbsolutePath() + "; run ./spike dev up first\n");
    assertThat(new DevLayout(dir).logs()).doesNotExist();
  }

  @Test
  void ports_areTheDesignDefaults() {
    assertThat(DevCluster.ports(Component.nexus())).containsExactly(8553, 8554);
    assertThat(DevCluster.ports(Component.keeper(3))).containsExactly(8643);
  }
}
