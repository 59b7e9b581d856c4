package io.spike.server.pipeline;

import io.spike.api.Json;
import io.spike.api.wire.ErrorResponse;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Stage 9: writes the answer. Every answer carries {@code Cache-Control: no-store}; JSON bodies are
 * zeroed once Jetty has sent them; a {@link Reply.Sensitive} body is wiped as soon as it is
 * encoded; a {@link Reply.Streamed} body goes through a 64 KiB buffer that is not flushed on
 * failure, so an error can still replace a response nothing of which has left. A connection whose
 * request body was not finished is closed after the answer ({@code Connection: close}).
 */
final class ReplyWriter {
  /** Failures of a streamed reply before this many bytes are still answered with an error. */
  static final int STREAM_BUFFER = 64 * 1024;

  /** The JSON bytes of a JSON or sensitive reply. */
  static byte[] encode(Reply reply) {
    if (reply instanceof Reply.Json json) {
      return Json.encode(json.body());
    }
    if (reply instanceof Reply.Sensitive sensitive) {
      try {
        return Json.encode(sensitive.body());
      } finally {
        sensitive.wipe().run();
      }
    }
    throw new IllegalArgumentException("a streamed reply is not encoded");
  }

  /** The JSON bytes of an error answer. */
  static byte[] encode(Failure failure) {
    return Json.encode(new ErrorResponse(failure.code().wire(), failure.message()));
  }

  /** Sends {@code body} (zeroed once sent) with {@code status}. */
  static void send(
      Response response,
      int status,
      byte[] body,
      Optional<Duration> retryAfter,
      boolean keepAlive,
      Callback callback) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    retryAfter.ifPresent(
        wait ->
            response
                .getHeaders()
                .put(HttpHeader.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds()))));
    if (!keepAlive) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    response.write(
        true, ByteBuffer.wrap(body), Callback.from(callback, () -> Arrays.fill(body, (byte) 0)));
  }

  /** Streams {@code reply} with status 200; the caller completes the callback. */
  static void stream(Response response, Reply.Streamed reply, boolean keepAlive)
      throws IOException {
    response.setStatus(200);
    if (!keepAlive) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response
        .getHeaders()
        .put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"" + reply.fileName() + "\"");
    // Not try-with-resources: on failure the buffer must not be flushed.
    OutputStream out =
        new BufferedOutputStream(Content.Sink.asOutputStream(response), STREAM_BUFFER);
    reply.writer().writeTo(out);
    out.close();
  }
}
