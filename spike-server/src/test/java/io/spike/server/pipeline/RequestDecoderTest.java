package io.spike.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.api.Json;
import io.spike.api.wire.Empty;
import io.spike.api.wire.SecretGetRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestDecoderTest {
  private final RequestDecoder decoder = new RequestDecoder();

  @Test
  void decode_typedRequest_takesItsSubject_andWipesTheBody() {
    byte[] body = "{\"path\":\"apps/web/db\",\"version\":2}".getBytes(StandardCharsets.UTF_8);
    Exchange exchange = new Exchange("/v1/store/secrets");

    Object decoded = decoder.decode(Routes.open(SecretGetRequest.class), body, exchange, null);

    assertThat(decoded).isEqualTo(new SecretGetRequest("apps/web/db", 2));
    assertThat(exchange.subject).contains("apps/web/db");
    assertThat(body).containsOnly((byte) 0);
  }

  @Test
  void decode_emptyBody_isTheEmptyObject() {
    assertThat(decoder.decode(Routes.open(Empty.class), new byte[0], new Exchange("/x"), null))
        .isEqualTo(Empty.INSTANCE);
  }

  @Test
  void decode_malformedOrRefusedValue_isJsonError_thatNeverEchoesInput_andStillWipes() {
    byte[] malformed = "{\"path\":\"s3cr3t".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> decodeSecretGet(malformed))
        .isInstanceOf(Json.JsonException.class)
        .hasMessageNotContaining("s3cr3t");
    assertThat(malformed).containsOnly((byte) 0);

    byte[] surrogate = "{\"path\":\"apps/x\\ud800\"}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> decodeSecretGet(surrogate))
        .isInstanceOf(Json.JsonException.class)
        .hasMessageContaining("unpaired UTF-16 surrogate");
  }

  @Test
  void decode_uploadRoute_readsNothing_andGetsTheUpload() {
    Upload upload = new Upload(null);
    byte[] body = {1, 2, 3};
    assertThat(decoder.decode(Routes.open(Upload.class), body, new Exchange("/x"), upload))
        .isSameAs(upload);
  }

  /** Decodes {@code body} as a secret-get request on an open route. */
  private Object decodeSecretGet(byte[] body) {
    return decoder.decode(Routes.open(SecretGetRequest.class), body, new Exchange("/x"), null);
  }
}
