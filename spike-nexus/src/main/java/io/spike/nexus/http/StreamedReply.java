package io.spike.nexus.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A route result written straight to the response body instead of encoded as JSON (a snapshot
 * file): nothing is built in memory first.
 *
 * <p>{@link ApiHandler} answers 200 with {@code contentType}, {@code Content-Disposition:
 * attachment; filename="<fileName>"} and {@code Cache-Control: no-store}, and calls
 * {@link BodyWriter#writeTo} with a buffered stream on the response. A failure before the first
 * buffer leaves is answered like any other error (through {@code ErrorMapping}); after that the
 * response can only be aborted: the connection is closed mid-body, so the client sees a truncated
 * body, never a complete-looking one.
 *
 * @param contentType e.g. {@code application/octet-stream}
 * @param fileName the suggested file name: letters, digits, {@code . _ -} only (it goes into a header)
 * @param writer writes the body; must not close the stream
 */
public record StreamedReply(String contentType, String fileName, BodyWriter writer) {
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");

  public StreamedReply {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(writer, "writer");
    if (fileName == null || !SAFE_NAME.matcher(fileName).matches()) {
      throw new IllegalArgumentException("file name must be letters, digits, '.', '_' or '-'");
    }
  }

  /** Writes a response body. */
  @FunctionalInterface
  public interface BodyWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  @Override
  public String toString() {
    return "StreamedReply[" + contentType + ", " + fileName + "]";
  }
}
