package io.spike.nexus.http;

import io.spike.api.ErrorCode;
import io.spike.crypto.SecretBytes;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body of at most {@code limit} bytes, never buffering more.
 *
 * <p>A declared {@code Content-Length} over the limit is refused before reading. A streamed body
 * that runs over is read on and thrown away, up to eight times the limit, so that a client still
 * sending sees the 413 rather than a reset connection; beyond that the connection is dropped.
 */
final class BodyReader {
  private final int limit;

  BodyReader(int limit) {
    this.limit = limit;
  }

  byte[] read(Request request) {
    long declared = request.getLength();
    if (declared > limit) {
      if (declared <= drainLimit()) {
        drain(request);
      }
      throw tooLarge();
    }
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] body = in.readNBytes(limit + 1);
      if (body.length > limit) {
        SecretBytes.wipe(body);
        skip(in, limit + 1L);
        throw tooLarge();
      }
      return body;
    } catch (IOException e) {
      throw ApiError.badRequest("cannot read the request body");
    }
  }

  private void drain(Request request) {
    try (InputStream in = Content.Source.asInputStream(request)) {
      skip(in, 0);
    } catch (IOException e) {
      // The client went away; the 413 is sent if the connection still allows it.
    }
  }

  private void skip(InputStream in, long alreadyRead) throws IOException {
    byte[] scratch = new byte[16 * 1024];
    long total = alreadyRead;
    int n;
    while (total < drainLimit() && (n = in.read(scratch)) >= 0) {
      total += n;
    }
    SecretBytes.wipe(scratch);
  }

  private long drainLimit() {
    return 8L * limit;
  }

  private ApiError tooLarge() {
    return new ApiError(ErrorCode.TOO_LARGE, "request body over " + limit + " bytes");
  }
}
