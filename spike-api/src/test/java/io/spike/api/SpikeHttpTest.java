package io.spike.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SpikeHttpTest {

  @Test
  void toException_mapsErrBodyToCode() {
    ApiException e =
        SpikeHttp.toException(
            503, "{\"err\":\"state_not_ready\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(e.code()).isEqualTo(ErrorCode.NOT_READY);
    assertThat(e.status()).isEqualTo(503);
  }

  @Test
  void toException_keepsServerMessage() {
    ApiException e =
        SpikeHttp.toException(
            400,
            "{\"err\":\"api_bad_request\",\"message\":\"wrong shard 2\"}"
                .getBytes(StandardCharsets.UTF_8));
    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(e.getMessage()).isEqualTo("api_bad_request: wrong shard 2");
  }

  @Test
  void toException_nonJsonBody_fallsBackToStatus() {
    ApiException e =
        SpikeHttp.toException(413, "<html>too big</html>".getBytes(StandardCharsets.UTF_8));
    assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
    ApiException unknown = SpikeHttp.toException(418, new byte[0]);
    assertThat(unknown.code()).isEqualTo(ErrorCode.INTERNAL);
    assertThat(unknown.status()).isEqualTo(418);
  }
}
