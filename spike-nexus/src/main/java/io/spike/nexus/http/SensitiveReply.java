package io.spike.nexus.http;

import java.util.Objects;

/**
 * A route result that holds secret material (recovery shards): {@link ApiHandler} encodes
 * {@code body} and then runs {@code wipe}, so the material does not outlive the response. The
 * encoded bytes are zeroed after sending, like every response. Prints redacted.
 */
public record SensitiveReply(Object body, Runnable wipe) {
  public SensitiveReply {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(wipe, "wipe");
  }

  @Override
  public String toString() {
    return "SensitiveReply[redacted]";
  }
}
