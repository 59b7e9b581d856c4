package io.spike.api;

import io.spike.api.wire.ErrorResponse;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * POSTs JSON to one server over mTLS (HTTP/1.1). The {@link SSLContext} decides who we are and whom
 * we accept; this class only speaks the API: it maps error bodies to {@link ApiException} and
 * transport failures to {@link ApiUnreachableException}. Bodies are never logged.
 *
 * <p>Two transports, one behaviour: the constructors use the JDK's {@code HttpClient} (servers and
 * other long-lived processes); {@link #blocking} sends on the calling thread over {@code
 * HttpsURLConnection} and starts no thread, so a short-lived process (the CLI) exits at once. Both
 * enable TLS 1.3/1.2 only, ask for {@code HTTPS} endpoint identification, use no proxy and follow
 * no redirects.
 */
public final class SpikeHttp {
  /** The TLS versions either transport enables. */
  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final Transport transport;
  private final URI base;
  private final Duration requestTimeout;

  public SpikeHttp(URI base, SSLContext ssl, Duration connectTimeout, Duration requestTimeout) {
    this(new JdkTransport(ssl, connectTimeout), base, requestTimeout);
  }

  public SpikeHttp(URI base, SSLContext ssl) {
    this(base, ssl, CONNECT_TIMEOUT, REQUEST_TIMEOUT);
  }

  SpikeHttp(Transport transport, URI base, Duration requestTimeout) {
    this.transport = transport;
    this.base = stripSlash(base);
    this.requestTimeout = requestTimeout;
  }

  /**
   * A client for short-lived processes (the CLI): blocking requests on the calling thread, no
   * selector thread for the JVM to wait for at exit; otherwise as strict as the constructors (see
   * {@link BlockingTransport}). The read timeout is the request timeout.
   */
  public static SpikeHttp blocking(URI base, SSLContext ssl) {
    return blocking(base, ssl, CONNECT_TIMEOUT, REQUEST_TIMEOUT);
  }

  /** {@link #blocking(URI, SSLContext)} with the given timeouts. */
  public static SpikeHttp blocking(
      URI base, SSLContext ssl, Duration connectTimeout, Duration requestTimeout) {
    return new SpikeHttp(new BlockingTransport(ssl, connectTimeout), base, requestTimeout);
  }

  public URI base() {
    return base;
  }

  /** POSTs {@code body} to {@code path?action=...} and decodes the answer as {@code type}. */
  public <T> T post(String path, String action, Object body, Class<T> type) {
    return decode(path, json(path, action, body), type);
  }

  /** POSTs a file as {@code application/octet-stream} (a snapshot) and decodes the JSON answer. */
  public <T> T postFile(String path, String action, Path file, Class<T> type) {
    Transport.Request request =
        new Transport.Request(
            uri(path, action),
            requestTimeout.multipliedBy(20),
            "application/octet-stream",
            null,
            file);
    try {
      return decode(path, request, type);
    } catch (ApiUnreachableException e) {
      if (e.getCause() instanceof FileNotFoundException missing) {
        throw new UncheckedIOException("cannot read " + file, missing);
      }
      throw e;
    }
  }

  /** POSTs and returns the body as a stream (e.g. a snapshot); the caller closes it. */
  public InputStream postForStream(String path, String action, Object body) {
    Transport.Reply<InputStream> response =
        call(path, () -> transport.open(json(path, action, body)));
    if (response.status() / 100 != 2) {
      try (InputStream in = response.body()) {
        throw toException(response.status(), in.readNBytes(64 * 1024));
      } catch (IOException e) {
        throw new ApiUnreachableException("reading the error from " + base + path + " failed", e);
      }
    }
    return response.body();
  }

  private <T> T decode(String path, Transport.Request request, Class<T> type) {
    Transport.Reply<byte[]> response = call(path, () -> transport.exchange(request));
    if (response.status() / 100 != 2) {
      throw toException(response.status(), response.body());
    }
    return Json.decode(response.body(), type);
  }

  private Transport.Request json(String path, String action, Object body) {
    return new Transport.Request(
        uri(path, action), requestTimeout, "application/json", Json.encode(body), null);
  }

  /** One exchange of {@link #transport}. */
  private interface Exchange<R> {
    R run() throws IOException, InterruptedException;
  }

  private <R> R call(String path, Exchange<R> exchange) {
    try {
      return exchange.run();
    } catch (IOException e) {
      throw new ApiUnreachableException("cannot reach " + base + path + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiUnreachableException("interrupted while calling " + base + path, e);
    }
  }

  private URI uri(String path, String action) {
    return URI.create(
        base
            + path
            + (action == null || action.isEmpty()
                ? ""
                : "?action=" + URLEncoder.encode(action, StandardCharsets.UTF_8)));
  }

  static ApiException toException(int status, byte[] body) {
    ErrorCode fallback = ErrorCode.fromStatus(status).orElse(ErrorCode.INTERNAL);
    try {
      ErrorResponse error = Json.decode(body, ErrorResponse.class);
      ErrorCode code = ErrorCode.fromWire(error.err()).orElse(fallback);
      return new ApiException(code, status, error.message().orElse(null));
    } catch (RuntimeException notOurs) {
      return new ApiException(fallback, status, "HTTP " + status);
    }
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof HttpTimeoutException || e instanceof SocketTimeoutException) {
      return "timed out";
    }
    if (e instanceof SSLException || (m != null && m.contains("handshake"))) {
      return "TLS handshake failed (is the server's SPIFFE ID the expected one, and the trust bundle right?)";
    }
    return m == null ? e.getClass().getSimpleName() : m;
  }

  private static URI stripSlash(URI uri) {
    String s = uri.toString();
    return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
  }
}
