package io.spike.keeper.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.ErrorCode;
import io.spike.keeper.KeeperRefusal;
import io.spike.server.pipeline.Failure;
import org.junit.jupiter.api.Test;

class KeeperErrorMappingTest {
  private final KeeperErrorMapping mapping = new KeeperErrorMapping();

  @Test
  void eachKind_mapsToItsCodeAndStatus_withTheRefusalsMessage() {
    assertThat(answer(KeeperRefusal.Kind.INVALID).code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(answer(KeeperRefusal.Kind.NOT_FOUND).status()).isEqualTo(404);
    Failure conflict = answer(KeeperRefusal.Kind.CONFLICT);
    assertThat(conflict.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.message()).contains("why");
  }

  @Test
  void anythingElse_isLeftToThePipeline() {
    assertThat(mapping.map(new IllegalStateException("x"), "here")).isEmpty();
  }

  private Failure answer(KeeperRefusal.Kind kind) {
    return mapping.map(KeeperRefusal.of(kind, "why"), "here").orElseThrow();
  }
}
