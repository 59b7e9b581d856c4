package io.spike.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How {@link SpikeHttp} sends one POST: the JDK's asynchronous client ({@link JdkTransport}, for
 * servers) or a blocking connection on the calling thread ({@link BlockingTransport}, for the CLI).
 * Both use the same {@link javax.net.ssl.SSLContext}, TLS 1.3/1.2 only, no proxy, no redirects;
 * {@link SpikeHttp} alone maps statuses, error bodies and failures.
 */
sealed interface Transport permits JdkTransport, BlockingTransport {

  /** Sends {@code request} and reads the whole answer. */
  Reply<byte[]> exchange(Request request) throws IOException, InterruptedException;

  /** Sends {@code request}; the caller reads and closes the answer's body. */
  Reply<InputStream> open(Request request) throws IOException, InterruptedException;

  /** One POST: a JSON body ({@code json}) or a file ({@code file}), never both. */
  record Request(URI uri, Duration timeout, String contentType, byte[] json, Path file) {
    public Request {
      if (uri == null
          || timeout == null
          || contentType == null
          || (json == null) == (file == null)) {
        throw new IllegalArgumentException("a request needs a URI, a timeout and one body");
      }
    }
  }

  /** A status and a body (the error body when the status is not 2xx). */
  record Reply<T>(int status, T body) {}
}
