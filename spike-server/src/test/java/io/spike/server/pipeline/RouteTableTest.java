package io.spike.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.spike.api.wire.Empty;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteTableTest {

  @Test
  void find_byPathAndAction() {
    Route<Empty> get = Routes.open(Empty.class);
    RouteTable table = RouteTable.builder().add("/a", "get", get).build();
    assertThat(table.knows("/a")).isTrue();
    assertThat(table.knows("/b")).isFalse();
    assertThat(table.find("/a", "get")).containsSame(get);
    assertThat(table.find("/a", "")).isEmpty();
  }

  @Test
  void add_samePathAndActionTwice_isRefused() {
    RouteTable.Builder builder = RouteTable.builder().add("/a", "", Routes.open(Empty.class));
    assertThatThrownBy(() -> builder.add("/a", "", Routes.open(Empty.class)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void actionsByPath_listsEveryRegisteredPathAndAction() {
    RouteTable table =
        RouteTable.builder()
            .add("/b", "", Routes.open(Empty.class))
            .add("/a", "list", Routes.open(Empty.class))
            .add("/a", "", Routes.open(Empty.class))
            .build();
    assertThat(table.actionsByPath())
        .containsExactly(entry("/a", Set.of("", "list")), entry("/b", Set.of("")));
  }
}
