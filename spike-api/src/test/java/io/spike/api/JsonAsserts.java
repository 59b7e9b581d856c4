package io.spike.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.assertj.core.api.AbstractThrowableAssert;

/** The refused-decode check the JSON, name and wire-value tests share. */
public final class JsonAsserts {
  private JsonAsserts() {}

  /** Asserts that decoding {@code json} as {@code type} is refused as malformed JSON. */
  public static AbstractThrowableAssert<?, ? extends Throwable> decodeFails(
      String json, Class<?> type) {
    return assertThatThrownBy(() -> Json.decode(json.getBytes(StandardCharsets.UTF_8), type))
        .isInstanceOf(Json.JsonException.class);
  }
}
