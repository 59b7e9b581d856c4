package io.spike.api.wire;

/** The empty JSON object {@code {}}: the body of requests and responses that carry nothing. */
public record Empty() {
  public static final Empty INSTANCE = new Empty();
}
