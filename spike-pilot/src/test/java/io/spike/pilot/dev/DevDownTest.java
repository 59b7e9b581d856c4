package io.spike.pilot.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.pilot.testing.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevDownTest {
  @TempDir Path dir;

  @Test
  void down_withoutCluster_isANoOp() {
    Cli.Result r = Cli.dev(dir, "down");

    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("no dev cluster in");
  }

  @Test
  void down_withNothingRunning_saysSo() {
    new ClusterShape(2, 1, "sqlite", "spike.ist").write(new DevLayout(dir).clusterFile());

    Cli.Result r = Cli.dev(dir, "down");

    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("nothing was running in");
  }
}
