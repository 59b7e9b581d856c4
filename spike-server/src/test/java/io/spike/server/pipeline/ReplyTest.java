package io.spike.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplyTest {

  @Test
  void sensitive_printsRedacted() {
    assertThat(Reply.sensitive("shard-bytes", () -> {}).toString())
        .isEqualTo("Reply.Sensitive[redacted]");
  }

  @Test
  void streamed_fileNameThatCouldInjectAHeader_isRefused() {
    assertThatThrownBy(
            () -> new Reply.Streamed("application/octet-stream", "a\"; x=\"y", out -> {}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(
            new Reply.Streamed("application/octet-stream", "spike-snapshot-1.snap", out -> {})
                .fileName())
        .isEqualTo("spike-snapshot-1.snap");
  }
}
