package io.spike.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spike.identity.SvidSource;
import io.spike.identity.SvidSources;
import io.spike.identity.TlsContexts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Sends whatever bytes a hostile caller would to Nexus or a keeper, over real mTLS with one SVID of
 * a dev directory: raw JSON (with lone-surrogate escapes the wire records would refuse to build),
 * any method, any query. Answers are status, body and headers, never exceptions for a 4xx/5xx. The
 * server's SPIFFE ID is not under test here: any ID of the trust domain is accepted.
 */
final class RawClient implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  private final SvidSource source;
  private final HttpClient http;
  private final URI base;

  RawClient(Path cert, Path key, Path bundle, URI base) {
    this.source = SvidSources.fromFiles(cert, key, bundle);
    SSLContext ssl = TlsContexts.client(source, TlsContexts.memberOf("spike.ist"));
    SSLParameters params = ssl.getDefaultSSLParameters();
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(ssl)
            .sslParameters(params)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.base = base;
  }

  /**
   * A client acting as {@code svid} ({@code D/svid/<svid>.crt|.key}) towards {@code
   * https://localhost:<port>}.
   */
  static RawClient of(Path devDir, String svid, int port) {
    return new RawClient(
        devDir.resolve("svid/" + svid + ".crt"),
        devDir.resolve("svid/" + svid + ".key"),
        devDir.resolve("ca/bundle.pem"),
        URI.create("https://localhost:" + port));
  }

  Answer post(String pathAndQuery, String json) {
    return post(pathAndQuery, json, Duration.ofSeconds(30));
  }

  Answer post(String pathAndQuery, String json, Duration timeout) {
    return send(
        HttpRequest.newBuilder(base.resolve(pathAndQuery))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
  }

  Answer postBytes(String pathAndQuery, byte[] body) {
    return send(
        HttpRequest.newBuilder(base.resolve(pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** POSTs {@code body} with no declared length (chunked), as a client streaming a body would. */
  Answer postChunked(String pathAndQuery, byte[] body) {
    return send(
        HttpRequest.newBuilder(base.resolve(pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
  }

  Answer get(String pathAndQuery) {
    return send(
        HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30)).GET());
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws Exception {
    source.close();
  }

  /** One answer. */
  record Answer(int status, String body, HttpHeaders headers) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    /** The {@code err} code of an error answer, or "" when there is none. */
    String err() {
      JsonNode err = json().get("err");
      return err == null ? "" : err.asText();
    }

    /**
     * Status and at most 300 characters of body; a body carrying secret values, plaintext or shards
     * shows its field names only.
     */
    @Override
    public String toString() {
      if (body.contains("\"shard") || body.contains("\"data\"") || body.contains("\"plaintext\"")) {
        try {
          List<String> fields = new ArrayList<>();
          JSON.readTree(body).fieldNames().forEachRemaining(fields::add);
          return status + " " + fields + " [values not shown]";
        } catch (IOException e) {
          return status + " [body not shown]";
        }
      }
      return status + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
    }
  }

  /**
   * JSON text of a Java string, escaping every non-ASCII char as {@code \\uXXXX} (lone surrogates
   * too).
   */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
