package io.spike.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.api.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReplyWriterTest {

  @Test
  void encode_json() {
    assertThat(new String(ReplyWriter.encode(Reply.json(Map.of("a", 1))), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":1}");
    assertThat(new String(ReplyWriter.encode(Reply.EMPTY), StandardCharsets.UTF_8)).isEqualTo("{}");
  }

  @Test
  void encode_sensitive_wipesRightAfter_evenWhenEncodingFails() {
    AtomicInteger wipes = new AtomicInteger();
    assertThat(ReplyWriter.encode(Reply.sensitive(Map.of("k", "v"), wipes::incrementAndGet)))
        .isNotEmpty();
    assertThat(wipes.get()).isEqualTo(1);

    Object unencodable =
        new Object() {
          @SuppressWarnings("unused")
          public Object getSelf() {
            return this;
          }
        };
    assertThatThrownBy(
            () -> ReplyWriter.encode(Reply.sensitive(unencodable, wipes::incrementAndGet)))
        .isInstanceOf(RuntimeException.class);
    assertThat(wipes.get()).isEqualTo(2);
  }

  @Test
  void encode_failure_isErrAndMessage() {
    assertThat(
            new String(
                ReplyWriter.encode(Failure.of(ErrorCode.STORE_FULL, "disk full")),
                StandardCharsets.UTF_8))
        .isEqualTo("{\"err\":\"store_full\",\"message\":\"disk full\"}");
    assertThat(
            new String(
                ReplyWriter.encode(Failure.of(ErrorCode.INTERNAL, null)), StandardCharsets.UTF_8))
        .isEqualTo("{\"err\":\"api_internal_error\"}");
  }
}
