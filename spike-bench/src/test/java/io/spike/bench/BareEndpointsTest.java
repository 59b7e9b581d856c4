package io.spike.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.server.JettyServers;
import io.spike.server.RawHttpsConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP/TLS ceiling must be a fair one: it reads each request body before answering, so its
 * keep-alive connections survive a body that arrives after its headers (before this, it dropped
 * about one connection in 3,000 calls and its clients counted "header parser received no bytes").
 */
class BareEndpointsTest {
  @TempDir Path dir;

  @Test
  void bareJetty_answersTheFixedBytes_andKeepsTheConnectionWhenTheBodyIsLate() throws Exception {
    byte[] answer = "{\"data\":{}}".getBytes(StandardCharsets.UTF_8);
    byte[] body = "{\"path\":\"bench/get\"}".getBytes(StandardCharsets.UTF_8);
    try (BenchCluster cluster = BenchCluster.start(dir)) {
      Server bare = BareEndpoints.jetty(cluster.nexusServerTls(), answer);
      try (RawHttpsConnection connection =
          new RawHttpsConnection(cluster.clientTls(), JettyServers.port(bare))) {
        connection.postHeaders("/v1/store/secrets?action=get", body.length);
        Thread.sleep(200);
        connection.write(body);
        RawHttpsConnection.Response first = connection.read();
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).isEqualTo(answer);
        assertThat(first.headers()).doesNotContainKey("connection");
        assertThat(connection.post("/v1/store/secrets?action=get", body).body()).isEqualTo(answer);
      } finally {
        bare.stop();
      }
    }
  }
}
