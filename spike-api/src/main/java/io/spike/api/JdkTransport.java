package io.spike.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * {@link Transport} over {@link HttpClient} (HTTP/1.1): pooled connections and a selector thread,
 * for long-lived processes. Its endpoint identification is {@code HTTPS}, which the SVID trust
 * manager ignores (peers are identified by SPIFFE ID).
 */
final class JdkTransport implements Transport {
  private final HttpClient client;

  JdkTransport(SSLContext ssl, Duration connectTimeout) {
    SSLParameters params = ssl.getDefaultSSLParameters();
    params.setProtocols(SpikeHttp.PROTOCOLS.clone());
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(ssl)
            .sslParameters(params)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public Reply<byte[]> exchange(Request request) throws IOException, InterruptedException {
    return send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  @Override
  public Reply<InputStream> open(Request request) throws IOException, InterruptedException {
    return send(request, HttpResponse.BodyHandlers.ofInputStream());
  }

  private <T> Reply<T> send(Request request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    HttpRequest.BodyPublisher body =
        request.file() != null
            ? HttpRequest.BodyPublishers.ofFile(request.file())
            : HttpRequest.BodyPublishers.ofByteArray(request.json());
    HttpRequest http =
        HttpRequest.newBuilder(request.uri())
            .timeout(request.timeout())
            .header("Content-Type", request.contentType())
            .header("Accept", "application/json")
            .POST(body)
            .build();
    HttpResponse<T> response = client.send(http, handler);
    return new Reply<>(response.statusCode(), response.body());
  }
}
