package io.spike.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.server.JettyServers;
import io.spike.server.RawHttpsConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerIdentifierTest {
  @TempDir Path dir;

  @Test
  void identify_theClientCertificatesSpiffeId_keptForTheConnection() throws Exception {
    PeerIdentifier peers = new PeerIdentifier();
    try (TestServer server =
        new TestServer(dir, new StageHandler(request -> peers.identify(request).toString()))) {
      var web = server.svid("/apps/web");
      assertThat(server.post(web, "/x", "{}").body()).isEqualTo("spiffe://spike.ist/apps/web");
      try (RawHttpsConnection connection =
          new RawHttpsConnection(server.client(server.svid("/apps/db")), server.port())) {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        assertThat(connection.post("/x", body).text()).isEqualTo("spiffe://spike.ist/apps/db");
        assertThat(connection.post("/x", body).text()).isEqualTo("spiffe://spike.ist/apps/db");
      }
    }
  }

  @Test
  void identify_withoutAClientCertificate_is401() throws Exception {
    PeerIdentifier peers = new PeerIdentifier();
    Server plain =
        JettyServers.plain(
            "127.0.0.1", 0, new StageHandler(request -> peers.identify(request).toString()));
    plain.start();
    try {
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + JettyServers.port(plain) + "/x"))
                      .POST(HttpRequest.BodyPublishers.ofString("{}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(401);
      assertThat(answer.body()).startsWith("access_unauthorized");
    } finally {
      plain.stop();
    }
  }
}
