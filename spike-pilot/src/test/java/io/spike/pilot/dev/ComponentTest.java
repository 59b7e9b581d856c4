package io.spike.pilot.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.pilot.cli.UsageException;
import org.junit.jupiter.api.Test;

class ComponentTest {
  private final ClusterShape three = new ClusterShape(3, 2, "sqlite", "spike.ist");
  private final ClusterShape embedded = new ClusterShape(2, 1, "postgres", "spike.ist", true);

  @Test
  void parse_knowsNexusAndKeepersInRange() {
    assertThat(Component.parse("nexus", three)).isEqualTo(Component.nexus());
    assertThat(Component.parse("keeper-3", three)).isEqualTo(Component.keeper(3));
    assertThat(Component.keeper(2).mainClass()).isEqualTo("io.spike.keeper.KeeperMain");
    assertThat(Component.nexus().mainClass()).isEqualTo("io.spike.nexus.NexusMain");
  }

  @Test
  void parse_refusesOthers() {
    assertThatThrownBy(() -> Component.parse("keeper-4", three))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("keeper-1..keeper-3");
    assertThatThrownBy(() -> Component.parse("keeper-0", three)).isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> Component.parse("bootstrap", three))
        .isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> Component.parse("postgres", three))
        .isInstanceOf(UsageException.class)
        .hasMessageNotContaining("or postgres");
  }

  @Test
  void parse_knowsPostgres_onlyWhenDevRunsIt() {
    assertThat(Component.parse("postgres", embedded)).isEqualTo(Component.postgres());
    assertThat(Component.postgres().mainClass()).isEqualTo("io.spike.pilot.dev.DevPostgresMain");
    assertThat(Component.postgres().isPostgres()).isTrue();
    assertThat(Component.postgres().isKeeper()).isFalse();
    assertThat(Component.postgres().isNexus()).isFalse();
  }

  @Test
  void all_startsKeepersFirst() {
    assertThat(Component.all(new ClusterShape(2, 1, "sqlite", "spike.ist")))
        .containsExactly(Component.keeper(1), Component.keeper(2), Component.nexus());
  }

  @Test
  void all_startsEmbeddedPostgresBeforeEverything() {
    assertThat(Component.all(embedded))
        .containsExactly(
            Component.postgres(), Component.keeper(1), Component.keeper(2), Component.nexus());
    assertThat(Component.all(new ClusterShape(1, 1, "postgres", "spike.ist", false)))
        .containsExactly(Component.keeper(1), Component.nexus());
  }
}
