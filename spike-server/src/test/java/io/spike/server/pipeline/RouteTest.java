package io.spike.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.api.wire.Empty;
import io.spike.identity.SpiffeId;
import org.junit.jupiter.api.Test;

class RouteTest {
  private static final SpiffeId CALLER = SpiffeId.parse("spiffe://spike.ist/apps/web");
  private static final Guard<Empty> NOBODY = (caller, request) -> false;

  @Test
  void of_keepsItsPartsAndServesOnlyUnsealed() {
    Route<Empty> route = Route.of(Empty.class, NOBODY, (caller, request) -> Reply.EMPTY);
    assertThat(route.requestType()).isEqualTo(Empty.class);
    assertThat(route.guard()).isSameAs(NOBODY);
    assertThat(route.servesWhileSealed()).isFalse();
  }

  @Test
  void whileSealed_servesWhileSealed() {
    Route<Empty> route = Route.whileSealed(Empty.class, NOBODY, (caller, request) -> Reply.EMPTY);
    assertThat(route.servesWhileSealed()).isTrue();
  }

  @Test
  void handle_passesCallerAndRequestToTheWork() {
    Route<String> route =
        Route.of(String.class, (caller, request) -> true, (c, r) -> Reply.json(c + " " + r));
    assertThat(route.handle(CALLER, "hello"))
        .isEqualTo(Reply.json("spiffe://spike.ist/apps/web hello"));
  }

  @Test
  void of_missingPart_isRefused() {
    assertThatThrownBy(() -> Route.of(Empty.class, NOBODY, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Route.of(null, NOBODY, (caller, request) -> Reply.EMPTY))
        .isInstanceOf(NullPointerException.class);
  }
}
