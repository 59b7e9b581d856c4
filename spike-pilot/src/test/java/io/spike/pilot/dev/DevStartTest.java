package io.spike.pilot.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.pilot.testing.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevStartTest {
  @TempDir Path dir;

  @Test
  void start_withoutCluster_exits1_beforeStartingAnything() {
    Cli.Result r = Cli.run(Cli.NO_NETWORK, "dev", "start", "nexus", "--dir", dir.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
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
