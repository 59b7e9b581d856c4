package io.spike.pilot.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.pilot.testing.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevStopTest {
  @TempDir Path dir;

  @Test
  void stop_withoutCluster_exits1() {
    assertThat(NoDevCluster.refusal(dir, "stop", "nexus")).startsWith("spike: no dev cluster in");
  }

  @Test
  void stop_notRunning_exits0_unknownComponent_exits2() {
    new ClusterShape(3, 2, "sqlite", "spike.ist").write(new DevLayout(dir).clusterFile());

    assertThat(Cli.dev(dir, "stop", "keeper-2").out()).isEqualTo("keeper-2 is not running\n");
    assertThat(Cli.dev(dir, "stop", "keeper-4").code()).isEqualTo(2);
  }
}
