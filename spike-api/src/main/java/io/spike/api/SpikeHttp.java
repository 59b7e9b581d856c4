package io.spike.api;

import io.spike.api.wire.ErrorResponse;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * POSTs JSON to one server over mTLS (HTTP/1.1, the JDK client). The {@link SSLContext} decides who
 * we are and whom we accept; this class only speaks the API: it maps error bodies to {@link
 * ApiException} and transport failures to {@link ApiUnreachableException}. Bodies are never logged.
 */
public final class SpikeHttp {
  private final HttpClient client;
  private final URI base;
  private final Duration requestTimeout;

  public SpikeHttp(URI base, SSLContext ssl, Duration connectTimeout, Duration requestTimeout) {
    SSLParameters params = ssl.getDefaultSSLParameters();
    params.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(ssl)
            .sslParameters(params)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.base = stripSlash(base);
    this.requestTimeout = requestTimeout;
  }

  public SpikeHttp(URI base, SSLContext ssl) {
    this(base, ssl, Duration.ofSeconds(5), Duration.ofSeconds(30));
  }

  public URI base() {
    return base;
  }

  /** POSTs {@code body} to {@code path?action=...} and decodes the answer as {@code type}. */
  public <T> T post(String path, String action, Object body, Class<T> type) {
    HttpResponse<byte[]> response =
        send(path, action, body, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() / 100 != 2) {
      throw toException(response.statusCode(), response.body());
    }
    return Json.decode(response.body(), type);
  }

  /** POSTs a file as {@code application/octet-stream} (a snapshot) and decodes the JSON answer. */
  public <T> T postFile(String path, String action, Path file, Class<T> type) {
    URI uri = uri(path, action);
    try {
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(requestTimeout.multipliedBy(20))
              .header("Content-Type", "application/octet-stream")
              .header("Accept", "application/json")
              .POST(HttpRequest.BodyPublishers.ofFile(file))
              .build();
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() / 100 != 2) {
        throw toException(response.statusCode(), response.body());
      }
      return Json.decode(response.body(), type);
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (IOException e) {
      throw new ApiUnreachableException("cannot reach " + base + path + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiUnreachableException("interrupted while calling " + base + path, e);
    }
  }

  /** POSTs and returns the body as a stream (e.g. a snapshot); the caller closes it. */
  public InputStream postForStream(String path, String action, Object body) {
    HttpResponse<InputStream> response =
        send(path, action, body, HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() / 100 != 2) {
      try (InputStream in = response.body()) {
        throw toException(response.statusCode(), in.readNBytes(64 * 1024));
      } catch (IOException e) {
        throw new ApiUnreachableException("reading the error from " + base + path + " failed", e);
      }
    }
    return response.body();
  }

  private <R> HttpResponse<R> send(
      String path, String action, Object body, HttpResponse.BodyHandler<R> handler) {
    URI uri = uri(path, action);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.encode(body)))
            .build();
    try {
      return client.send(request, handler);
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
    if (e instanceof HttpTimeoutException) {
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
