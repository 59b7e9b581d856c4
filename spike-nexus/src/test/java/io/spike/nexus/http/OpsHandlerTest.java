package io.spike.nexus.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.nexus.Clusters;
import io.spike.nexus.NexusTestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operations port before and after unseal. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsHandlerTest {
  @RegisterExtension static final Clusters clusters = Clusters.perClass();
  private static NexusTestCluster cluster;

  @BeforeAll
  static void start() {
    cluster = clusters.start();
  }

  @Test
  @Order(1)
  void sealed_healthzOk_readyz503_metricsSaySealed() {
    HttpResponse<String> health = cluster.ops("/healthz");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("ok\n");
    assertThat(cluster.opsStatus("/readyz")).isEqualTo(503);
    String metrics = cluster.ops("/metrics").body();
    assertThat(metrics)
        .contains("spike_sealed 1.0")
        .contains("spike_keepers_reachable")
        .contains("spike_secrets 0.0");
  }

  @Test
  @Order(2)
  void unsealed_readyzOk_metricsCountSecrets() {
    cluster.seedKeepers();
    cluster.awaitReady();
    cluster.client(cluster.superuser()).putSecret("a/b", Map.of("k", "v"));
    HttpResponse<String> metrics = cluster.ops("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(metrics.body())
        .contains("spike_sealed 0.0")
        .contains("spike_keepers_reachable 3.0")
        .contains("spike_secrets 1.0")
        .contains("jvm_memory_used_bytes");
    assertThat(cluster.ops("/readyz").body()).isEqualTo("ready\n");
  }

  @Test
  @Order(3)
  void unknownPath_is404_andPost405() throws Exception {
    assertThat(cluster.opsStatus("/nothing")).isEqualTo(404);
    HttpResponse<String> post =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + cluster.nexus().opsPort() + "/healthz"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }

  /** One sample of the Prometheus text format. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private static final Pattern SAMPLE =
      Pattern.compile(
          "([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*)\\})? "
              + "(NaN|[+-]Inf|[-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)(?: -?[0-9]+)?");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern COMMENT =
      Pattern.compile(
          "# (HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*|TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped))");

  /** Parses a whole exposition; fails on any line that is not a comment, blank or sample. */
  static List<Sample> parse(String text) {
    List<Sample> samples = new ArrayList<>();
    Set<String> families = new HashSet<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        Matcher m = COMMENT.matcher(line);
        assertThat(m.matches()).as("comment line: %s", line).isTrue();
        if (m.group(2) != null) {
          families.add(m.group(2));
        }
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertThat(m.matches()).as("sample line: %s", line).isTrue();
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      String name = m.group(1);
      assertThat(families).as("family of %s", name).anySatisfy(f -> assertThat(name).startsWith(f));
      samples.add(
          new Sample(name, labels, Double.parseDouble(m.group(3).replace("Inf", "Infinity"))));
    }
    return samples;
  }

  private static double value(List<Sample> samples, String name) {
    return samples.stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name))
        .value();
  }

  @Test
  @Order(4)
  void metrics_parseAsPrometheusText_andFollowSealRestoreAndUnseal() {
    List<Sample> live = parse(cluster.ops("/metrics").body());
    assertThat(value(live, "spike_sealed")).isEqualTo(0.0);
    assertThat(value(live, "spike_restore_shards_collected")).isEqualTo(0.0);
    assertThat(value(live, "spike_audit_failures_total")).isEqualTo(0.0);
    assertThat(live)
        .anySatisfy(
            s -> {
              assertThat(s.name()).isEqualTo("spike_http_server_requests_seconds_bucket");
              assertThat(s.labels())
                  .containsEntry("route", io.spike.api.Routes.SECRETS)
                  .containsEntry("action", "")
                  .containsEntry("status", "200")
                  .containsKey("le");
            });
    assertThat(live).anySatisfy(s -> assertThat(s.name()).startsWith("jvm_"));

    List<byte[]> shards = cluster.recoverShards();
    cluster.restartNexusWithEmptyKeepers();
    List<Sample> sealed = parse(cluster.ops("/metrics").body());
    assertThat(value(sealed, "spike_sealed")).isEqualTo(1.0);

    cluster
        .client(cluster.restoreRole())
        .restore(
            new io.spike.api.wire.RestoreRequest(
                1, io.spike.api.wire.ShardValue.ofBytes(shards.get(0))));
    assertThat(value(parse(cluster.ops("/metrics").body()), "spike_restore_shards_collected"))
        .isEqualTo(1.0);
    assertThat(cluster.client(cluster.superuser()).status().restore().orElseThrow())
        .isEqualTo(new io.spike.api.wire.StatusResponse.Restore(1, 1));

    cluster
        .client(cluster.restoreRole())
        .restore(
            new io.spike.api.wire.RestoreRequest(
                2, io.spike.api.wire.ShardValue.ofBytes(shards.get(1))));
    List<Sample> unsealed = parse(cluster.ops("/metrics").body());
    assertThat(value(unsealed, "spike_sealed")).isEqualTo(0.0);
    assertThat(value(unsealed, "spike_restore_shards_collected")).isEqualTo(0.0);
  }
}
