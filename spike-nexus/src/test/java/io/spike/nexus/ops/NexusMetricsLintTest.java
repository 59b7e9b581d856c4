package io.spike.nexus.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.spike.nexus.Clusters;
import io.spike.nexus.NexusTestCluster;
import java.io.File;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code promtool check metrics} (Prometheus' own linter) accepts what a real Nexus serves on
 * {@code /metrics}, sealed and after unseal with requests answered (so the request histograms are
 * in it too).
 *
 * <p>promtool comes from Debian's {@code prometheus} package; {@code deploy/prometheus/check.sh}
 * installs it. Without it this test is skipped with a message saying so, unless the environment
 * variable {@code CI} is {@code true} ({@code .ci/run} exports it, after running check.sh) or the
 * system property {@code spike.require.promtool=true} is set: then a missing promtool fails.
 */
class NexusMetricsLintTest {
  @RegisterExtension static final Clusters clusters = Clusters.perClass();

  @Test
  @Timeout(120)
  void promtoolCheckMetrics_acceptsSealedAndUnsealedExposition() throws Exception {
    Path promtool = promtool();
    NexusTestCluster cluster = clusters.start();
    assertAccepted(promtool, scrape(cluster));
    cluster.seedKeepers();
    cluster.awaitReady();
    cluster.client(cluster.superuser()).putSecret("lint/a", Map.of("k", "v"));
    String unsealed = scrape(cluster);
    assertThat(unsealed)
        .contains("spike_sealed 0.0")
        .contains("spike_http_server_requests_seconds_bucket")
        .contains("process_cpu_seconds_total")
        .contains("system_cpus ")
        .doesNotContain("process_cpu_time_ns_total")
        .doesNotContain("system_cpu_count");
    // every series deploy/prometheus/spike-alerts.yml reads is served (with the ops port's
    // process_uptime_seconds), so no alert watches a name Nexus does not export
    Set<String> read = new TreeSet<>();
    Matcher names =
        Pattern.compile("\\b(spike_[a-z_]+)")
            .matcher(Files.readString(Path.of("../deploy/prometheus/spike-alerts.yml")));
    while (names.find()) {
      read.add(names.group(1));
    }
    assertThat(read).hasSizeGreaterThan(10);
    for (String name : read) {
      assertThat(unsealed)
          .as("the alert rules read %s", name)
          .containsPattern("\\n" + name + "[ {]");
    }
    assertThat(unsealed).contains("\nprocess_uptime_seconds ");
    assertAccepted(promtool, unsealed);
  }

  private static String scrape(NexusTestCluster cluster) {
    HttpResponse<String> metrics = cluster.ops("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    return metrics.body();
  }

  /** promtool exits 0 and prints nothing (it prints each lint problem) for an accepted page. */
  private static void assertAccepted(Path promtool, String exposition) throws Exception {
    Process process =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    assertThat(output).as("promtool check metrics output").isEmpty();
    assertThat(process.exitValue()).as("promtool check metrics exit code").isZero();
  }

  private static Path promtool() {
    Optional<Path> found = onPath("promtool");
    if (found.isPresent()) {
      return found.get();
    }
    String hint = "promtool is not on PATH; run deploy/prometheus/check.sh to install it";
    if (Boolean.getBoolean("spike.require.promtool") || "true".equals(System.getenv("CI"))) {
      return fail(hint + " (CI=true or spike.require.promtool=true)");
    }
    return Assumptions.abort(hint + "; skipping the /metrics lint");
  }

  private static Optional<Path> onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Arrays.stream(path.split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, program))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
