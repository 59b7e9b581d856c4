package io.spike.server.pipeline;

import io.spike.api.Json;
import io.spike.api.wire.Subject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Stage 4: the JSON body decoded into the route's request type (an empty body counts as {@code
 * {}}); malformed JSON, or a value its record refuses (a malformed secret path, say), is 400 {@code
 * api_bad_request} with a message that never echoes the input. The body buffer is zeroed once
 * decoded, whatever happened. An upload route decodes nothing: it gets an {@link Upload} and reads
 * the body itself, after the guard.
 */
final class RequestDecoder {
  private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.US_ASCII);

  /**
   * Decodes {@code body} (then wipes it) for {@code route}; {@code body} is ignored for uploads.
   */
  Object decode(Route<?> route, byte[] body, Exchange exchange, Upload upload) {
    if (route.requestType() == Upload.class) {
      return upload;
    }
    try {
      Object decoded = Json.decode(body.length == 0 ? EMPTY_OBJECT : body, route.requestType());
      if (decoded instanceof Subject subject) {
        exchange.subject = Optional.ofNullable(subject.subject());
      }
      return decoded;
    } finally {
      Arrays.fill(body, (byte) 0);
    }
  }
}
