package io.spike.server.pipeline;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.api.ErrorCode;
import io.spike.api.wire.Empty;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SealGateTest {
  private final Route<Empty> dataRoute =
      Routes.of(Empty.class, (c, r) -> true, false, (c, r) -> Reply.EMPTY);
  private final Route<Empty> sealedRoute =
      Routes.of(Empty.class, (c, r) -> true, true, (c, r) -> Reply.EMPTY);

  @Test
  void sealed_refusesDataRoutes_with503_servesSealedRoutes() {
    AtomicBoolean sealed = new AtomicBoolean(true);
    SealGate gate = new SealGate(sealed::get, "waiting for the root key");

    assertThatThrownBy(() -> gate.check(dataRoute))
        .isInstanceOfSatisfying(
            ApiRefusal.class,
            r -> {
              org.assertj.core.api.Assertions.assertThat(r.code()).isEqualTo(ErrorCode.NOT_READY);
              org.assertj.core.api.Assertions.assertThat(r.getMessage())
                  .isEqualTo("waiting for the root key");
            });
    assertThatCode(() -> gate.check(sealedRoute)).doesNotThrowAnyException();

    sealed.set(false);
    assertThatCode(() -> gate.check(dataRoute)).doesNotThrowAnyException();
  }

  @Test
  void open_neverRefuses() {
    assertThatCode(() -> SealGate.open().check(dataRoute)).doesNotThrowAnyException();
  }
}
