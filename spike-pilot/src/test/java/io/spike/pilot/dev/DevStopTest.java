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
    Cli.Result r = Cli.run(Cli.NO_NETWORK, "dev", "stop", "nexus", "--dir", dir.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("run ./spike dev up first");
  }

  @Test
  void stop_notRunning_exits0_unknownComponent_exits2() {
    new ClusterShape(3, 2, "sqlite", "spike.ist").write(new DevLayout(dir).clusterFile());

    assertThat(Cli.run(Cli.NO_NETWORK, "dev", "stop", "keeper-2", "--dir", dir.toString()).out())
        .isEqualTo("keeper-2 is not running\n");
    assertThat(Cli.run(Cli.NO_NETWORK, "dev", "stop", "keeper-4", "--dir", dir.toString()).code())
        .isEqualTo(2);
  }
}
