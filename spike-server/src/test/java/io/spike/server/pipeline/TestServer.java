package io.spike.server.pipeline;

import io.spike.identity.DevCa;
import io.spike.identity.Role;
import io.spike.identity.SvidSource;
import io.spike.identity.TlsContexts;
import io.spike.server.DevSvids;
import io.spike.server.JettyServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;

/**
 * A real mTLS Jetty server on loopback for the pipeline's tests, with a dev CA that issues the
 * server's SVID and callers' SVIDs: every stage is tested on real requests.
 */
final class TestServer implements AutoCloseable {
  static final String TD = "spike.ist";

  private final Path dir;
  private final DevCa ca;
  private final SvidSource serverSvid;
  private final List<SvidSource> issued = new ArrayList<>();
  private final Server server;

  TestServer(Path dir, Handler handler) throws Exception {
    this.dir = dir;
    this.ca = DevCa.create(dir.resolve("ca"), TD);
    this.serverSvid = svid("/spike/nexus");
    this.server = JettyServers.tls("127.0.0.1", 0, TlsContexts.server(serverSvid), handler);
    server.start();
  }

  /** An SVID for {@code path} in the trust domain. */
  SvidSource svid(String path) {
    SvidSource source = DevSvids.issue(ca, dir, TD, path);
    issued.add(source);
    return source;
  }

  int port() {
    return JettyServers.port(server);
  }

  SSLContext client(SvidSource as) {
    return TlsContexts.client(as, TlsContexts.role(Role.NEXUS, TD));
  }

  HttpResponse<String> send(SvidSource as, String method, String pathAndQuery, String body) {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
    try {
      return http(as)
          .send(
              request(pathAndQuery).method(method, publisher).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  HttpResponse<String> post(SvidSource as, String pathAndQuery, String body) {
    return send(as, "POST", pathAndQuery, body);
  }

  HttpResponse<byte[]> postBytes(SvidSource as, String pathAndQuery, HttpRequest.BodyPublisher body)
      throws IOException, InterruptedException {
    return http(as)
        .send(request(pathAndQuery).POST(body).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpClient http(SvidSource as) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .sslContext(client(as))
        .build();
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port() + pathAndQuery));
  }

  /** The {@code err} of a JSON error answer. */
  static String err(HttpResponse<String> response) {
    return io.spike.api.Json.decode(response.body().getBytes(StandardCharsets.UTF_8), Map.class)
        .get("err")
        .toString();
  }

  @Override
  public void close() throws Exception {
    server.stop();
    issued.forEach(SvidSource::close);
    serverSvid.close();
  }
}
