package io.spike.pilot.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.pilot.cli.UsageException;
import io.spike.pilot.testing.Cli;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevShapeResolverTest {
  @TempDir Path dir;

  @Test
  void fresh_usesFlagsAndDefaults() {
    DevLayout layout = new DevLayout(dir);

    assertThat(DevShapeResolver.resolve(layout, null, null, null, Map.of()))
        .isEqualTo(new ClusterShape(3, 2, "sqlite", "spike.ist"));
    assertThat(
            DevShapeResolver.resolve(
                layout, 1, null, "memory", Map.of("SPIKE_TRUST_ROOT", "example.org")))
        .isEqualTo(new ClusterShape(1, 1, "memory", "example.org"));
  }

  @Test
  void existing_keepsItsShape_andRefusesAnother() {
    DevLayout layout = new DevLayout(dir);
    new ClusterShape(3, 2, "sqlite", "spike.ist").write(layout.clusterFile());

    assertThat(DevShapeResolver.resolve(layout, 3, null, null, Map.of()).keepers()).isEqualTo(3);
    assertThatThrownBy(() -> DevShapeResolver.resolve(layout, 5, null, null, Map.of()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("holds a cluster of 3 keepers");
  }

  @Test
  void postgres_withoutUrl_isEmbedded_withUrl_isNot() {
    DevLayout layout = new DevLayout(dir);

    assertThat(DevShapeResolver.resolve(layout, null, null, "postgres", Map.of()))
        .isEqualTo(new ClusterShape(3, 2, "postgres", "spike.ist", true));
    assertThat(
            DevShapeResolver.resolve(
                layout,
                null,
                null,
                "postgres",
                Map.of("SPIKE_NEXUS_DB_URL", "jdbc:postgresql://localhost/spike")))
        .isEqualTo(new ClusterShape(3, 2, "postgres", "spike.ist", false));
  }

  @Test
  void existing_externalPostgres_needsTheUrlAgain_embeddedDoesNot() {
    DevLayout layout = new DevLayout(dir);
    new ClusterShape(1, 1, "postgres", "spike.ist", false).write(layout.clusterFile());

    assertThatThrownBy(() -> DevShapeResolver.resolve(layout, null, null, null, Map.of()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("set it again");
    assertThat(
            DevShapeResolver.resolve(
                    layout,
                    null,
                    null,
                    null,
                    Map.of("SPIKE_NEXUS_DB_URL", "jdbc:postgresql://localhost/spike"))
                .embeddedPostgres())
        .isFalse();

    new ClusterShape(1, 1, "postgres", "spike.ist", true).write(layout.clusterFile());
    assertThat(
            DevShapeResolver.resolve(layout, null, null, "postgres", Map.of()).embeddedPostgres())
        .isTrue();
  }

  @Test
  void devUp_withBadShape_exits2_beforeStartingAnything() {
    Cli.Result r =
        Cli.run(
            Cli.NO_NETWORK,
            "dev",
            "up",
            "--dir",
            dir.toString(),
            "--keepers",
            "2",
            "--threshold",
            "3");
    Cli.Result pg =
        Cli.run(Cli.NO_NETWORK, "dev", "up", "--dir", dir.toString(), "--backend", "mysql");

    assertThat(r.code()).isEqualTo(2);
    assertThat(pg.code()).isEqualTo(2);
    assertThat(new DevLayout(dir).clusterFile()).doesNotExist();
  }
}
