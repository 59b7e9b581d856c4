package io.spike.nexus.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.nexus.NexusTestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The operations port before and after unseal. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsHandlerTest {
  @TempDir static Path dir;
  private static NexusTestCluster cluster;

  @BeforeAll
  static void start() {
    cluster = NexusTestCluster.start(dir);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  @Order(1)
  void sealed_healthzOk_readyz503_metricsSaySealed() {
    HttpResponse<String> health = cluster.ops("/healthz");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("ok\n");
    assertThat(cluster.opsStatus("/readyz")).isEqualTo(503);
    String metrics = cluster.ops("/metrics").body();
    assertThat(metrics).contains("spike_sealed 1.0").contains("spike_keepers_reachable").contains("spike_secrets 0.0");
  }

  @Test
  @Order(2)
  void unsealed_readyzOk_metricsCountSecrets() {
    cluster.seedKeepers();
    cluster.awaitReady();
    cluster.client(cluster.superuser()).putSecret("a/b", Map.of("k", "v"));
    HttpResponse<String> metrics = cluster.ops("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(metrics.body()).contains("spike_sealed 0.0").contains("spike_keepers_reachable 3.0")
        .contains("spike_secrets 1.0").contains("jvm_memory_used_bytes");
    assertThat(cluster.ops("/readyz").body()).isEqualTo("ready\n");
  }

  @Test
  @Order(3)
  void unknownPath_is404_andPost405() throws Exception {
    assertThat(cluster.opsStatus("/nothing")).isEqualTo(404);
    HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + cluster.nexus().opsPort() + "/healthz"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }
}
