package io.spike.server.pipeline;

import io.spike.api.wire.Empty;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a route answers, always with status 200 and {@code Cache-Control: no-store} (refusals are
 * exceptions, see {@link FailureMapping}). Exactly one of:
 *
 * <ul>
 *   <li>{@link Json}: a body encoded as JSON; the encoded bytes are zeroed once sent;
 *   <li>{@link Sensitive}: the same, for a body holding secret material (recovery shards): after
 *       encoding, its {@code wipe} runs, so the material does not outlive the response;
 *   <li>{@link Streamed}: a file written straight to the response (a snapshot), never built in
 *       memory.
 * </ul>
 */
public sealed interface Reply permits Reply.Json, Reply.Sensitive, Reply.Streamed {

  /** {@code {}}. */
  Reply EMPTY = new Json(Empty.INSTANCE);

  /** A JSON reply. */
  static Reply json(Object body) {
    return new Json(body);
  }

  /** A JSON reply holding secret material; {@code wipe} destroys it once encoded. */
  static Reply sensitive(Object body, Runnable wipe) {
    return new Sensitive(body, wipe);
  }

  /** A body encoded as JSON. */
  record Json(Object body) implements Reply {
    public Json {
      Objects.requireNonNull(body, "body");
    }

    @Override
    public String toString() {
      return "Reply.Json[" + body.getClass().getSimpleName() + "]";
    }
  }

  /** A body holding secret material; prints redacted. */
  record Sensitive(Object body, Runnable wipe) implements Reply {
    public Sensitive {
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(wipe, "wipe");
    }

    @Override
    public String toString() {
      return "Reply.Sensitive[redacted]";
    }
  }

  /**
   * A body written straight to the response, with {@code contentType} and {@code
   * Content-Disposition: attachment; filename="<fileName>"}. A failure before the first buffer (64
   * KiB) leaves is answered like any other error; after that the connection is closed mid-body, so
   * the client sees a truncated body, never a complete-looking one.
   *
   * @param fileName letters, digits, {@code . _ -} only (it goes into a header)
   * @param writer writes the body; must not close the stream
   */
  record Streamed(String contentType, String fileName, BodyWriter writer) implements Reply {
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    public Streamed {
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(writer, "writer");
      if (fileName == null || !SAFE_NAME.matcher(fileName).matches()) {
        throw new IllegalArgumentException("file name must be letters, digits, '.', '_' or '-'");
      }
    }

    @Override
    public String toString() {
      return "Reply.Streamed[" + contentType + ", " + fileName + "]";
    }
  }

  /** Writes a streamed body. */
  @FunctionalInterface
  interface BodyWriter {
    void writeTo(OutputStream out) throws IOException;
  }
}
