package io.spike.api.wire;

import java.util.Optional;

/**
 * {@code {"err":"<code>","message":"..."}}; {@code message} is ours (SPIKE sends only {@code err})
 * and never holds secrets.
 */
public record ErrorResponse(String err, Optional<String> message) {
  public ErrorResponse {
    message = message == null ? Optional.empty() : message;
  }
}
