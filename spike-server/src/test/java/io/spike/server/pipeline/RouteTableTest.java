package io.spike.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.api.wire.Empty;
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
}
