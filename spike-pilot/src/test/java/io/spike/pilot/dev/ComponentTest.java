package io.spike.pilot.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.pilot.cli.UsageException;
import org.junit.jupiter.api.Test;

class ComponentTest {

  @Test
  void parse_knowsNexusAndKeepersInRange() {
    assertThat(Component.parse("nexus", 3)).isEqualTo(Component.nexus());
    assertThat(Component.parse("keeper-3", 3)).isEqualTo(Component.keeper(3));
    assertThat(Component.keeper(2).mainClass()).isEqualTo("io.spike.keeper.KeeperMain");
    assertThat(Component.nexus().mainClass()).isEqualTo("io.spike.nexus.NexusMain");
  }

  @Test
  void parse_refusesOthers() {
    assertThatThrownBy(() -> Component.parse("keeper-4", 3)).isInstanceOf(UsageException.class)
        .hasMessageContaining("keeper-1..keeper-3");
    assertThatThrownBy(() -> Component.parse("keeper-0", 3)).isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> Component.parse("bootstrap", 3)).isInstanceOf(UsageException.class);
  }

  @Test
  void all_startsKeepersFirst() {
    assertThat(Component.all(new ClusterShape(2, 1, "sqlite", "spike.ist")))
        .containsExactly(Component.keeper(1), Component.keeper(2), Component.nexus());
  }
}
