package io.spike.server.pipeline;

import io.spike.api.ErrorCode;
import io.spike.server.RequestBodies;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Stage 1: reads a request body of at most {@code limit} bytes, never buffering more: into memory
 * ({@link #read}, JSON routes) or into a stream ({@link #copy}, uploads, after the guard).
 *
 * <p>A declared {@code Content-Length} over the limit is refused before reading (413 {@code
 * api_too_large}). A body that runs over is read on and thrown away, up to a drain limit, so that a
 * client still sending sees the 413 rather than a reset connection; beyond that the connection is
 * dropped. {@link #finish} reads what is left of a body the pipeline answered before reading (see
 * {@link RequestBodies}).
 */
final class BodyReader {
  /**
   * Uploads are drained at most this far past their limit: a 4 GiB limit must not mean reading 32
   * GiB.
   */
  private static final long MAX_UPLOAD_DRAIN = 64L * 1024 * 1024;

  private static final int CHUNK = 64 * 1024;

  private final long limit;
  private final long drainLimit;

  private BodyReader(long limit, long drainLimit) {
    this.limit = limit;
    this.drainLimit = drainLimit;
  }

  /** For JSON bodies: drains up to eight times the limit. */
  static BodyReader json(int limit) {
    return new BodyReader(limit, 8L * limit);
  }

  /** For uploads: drains up to eight times the limit, at most 64 MiB. */
  static BodyReader upload(long limit) {
    return new BodyReader(limit, Math.min(8 * limit, MAX_UPLOAD_DRAIN));
  }

  /** The whole body; the caller wipes it. */
  byte[] read(Request request) {
    refuseDeclaredOverLimit(request);
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] body = in.readNBytes((int) limit + 1);
      if (body.length > limit) {
        Arrays.fill(body, (byte) 0);
        skip(in, limit + 1L);
        throw tooLarge();
      }
      return body;
    } catch (IOException e) {
      throw ApiRefusal.badRequest("cannot read the request body");
    }
  }

  /**
   * Copies the body to {@code out} and returns its length.
   *
   * @throws IOException when {@code out} fails (reading failures are 400, too much is 413)
   */
  long copy(Request request, OutputStream out) throws IOException {
    refuseDeclaredOverLimit(request);
    InputStream in = Content.Source.asInputStream(request);
    byte[] chunk = new byte[CHUNK];
    try {
      long total = 0;
      int n;
      while ((n = readSome(in, chunk)) >= 0) {
        total += n;
        if (total > limit) {
          skip(in, total);
          throw tooLarge();
        }
        out.write(chunk, 0, n);
      }
      return total;
    } finally {
      Arrays.fill(chunk, (byte) 0);
      closeQuietly(in);
    }
  }

  /**
   * Reads and drops whatever is left of the body, up to the drain limit; true when the body ended
   * and the connection can carry the next request ({@link RequestBodies#finish}).
   */
  boolean finish(Request request) {
    return RequestBodies.finish(request, drainLimit);
  }

  private void refuseDeclaredOverLimit(Request request) {
    long declared = request.getLength();
    if (declared > limit) {
      if (declared <= drainLimit) {
        drain(request);
      }
      throw tooLarge();
    }
  }

  private static int readSome(InputStream in, byte[] chunk) {
    try {
      return in.read(chunk);
    } catch (IOException e) {
      throw ApiRefusal.badRequest("cannot read the request body");
    }
  }

  private void drain(Request request) {
    try (InputStream in = Content.Source.asInputStream(request)) {
      skip(in, 0);
    } catch (IOException e) {
      // The client went away; the 413 is sent if the connection still allows it.
    }
  }

  private void skip(InputStream in, long alreadyRead) {
    byte[] scratch = new byte[16 * 1024];
    long total = alreadyRead;
    int n;
    try {
      while (total < drainLimit && (n = in.read(scratch)) >= 0) {
        total += n;
      }
    } catch (IOException e) {
      // The client went away; the 413 is sent if the connection still allows it.
    } finally {
      Arrays.fill(scratch, (byte) 0);
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // nothing left to read
    }
  }

  private ApiRefusal tooLarge() {
    return new ApiRefusal(ErrorCode.TOO_LARGE, "request body over " + limit + " bytes");
  }
}
