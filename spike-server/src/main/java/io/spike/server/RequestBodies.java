package io.spike.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Finishing a request's body before answering it. A handler that answers before the body has
 * arrived (a 404, a 401 decided from the certificate) leaves Jetty unable to reuse the connection;
 * Jetty then drops it after a response that said keep-alive, and a pooling client's next request on
 * it fails with "header parser received no bytes". Both servers therefore read what is left of a
 * body, up to a bound, and otherwise tell the client {@code Connection: close}.
 */
public final class RequestBodies {
  private RequestBodies() {}

  /**
   * Reads and drops whatever is left of the body (nothing when it was read to its end), at most
   * {@code drainLimit} bytes. True when the body ended, so the connection can carry the next
   * request; false when the response must say {@code Connection: close}. Blocks until the body
   * arrives or the connection's idle timeout.
   */
  public static boolean finish(Request request, long drainLimit) {
    if (request.getLength() > drainLimit) {
      return false;
    }
    InputStream in = Content.Source.asInputStream(request);
    byte[] scratch = new byte[16 * 1024];
    long total = 0;
    try {
      int n;
      while ((n = in.read(scratch)) >= 0) {
        total += n;
        if (total > drainLimit) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    } finally {
      Arrays.fill(scratch, (byte) 0);
    }
  }
}
