package io.spike.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.ApiException;
import io.spike.api.ErrorCode;
import io.spike.api.NexusClient;
import io.spike.api.wire.SecretMetadataResponse;
import io.spike.config.Settings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, acceptance 2: two Nexus processes on one PostgreSQL and one keeper set; 1,000 puts to
 * one path, split between them concurrently, leave versions 1..1000 with no gap and none lost.
 */
class PostgresReplicasIT {

  @Test
  void twoNexusProcesses_onePostgres_concurrentPutsToOnePath_loseNoVersion() throws Exception {
    Path root = Files.createTempDirectory("spike-it-replicas");
    Path dev = TestPki.create(root.resolve("dev"));
    try (EmbeddedPostgres pg = EmbeddedPostgres.start();
        Components c = new Components(dev, root.resolve("logs"))) {
      Map<String, String> store =
          Map.of(
              Settings.BACKEND_STORE.name(), "postgres",
              Settings.DB_URL.name(), pg.getJdbcUrl("postgres", "postgres"),
              Settings.MAX_SECRET_VERSIONS.name(), "1000");
      for (int n = 1; n <= 3; n++) {
        c.keeper(n);
      }
      c.nexus("nexus-a", 8553, 8554, store);
      c.nexus("nexus-b", 9553, 9554, store);
      DevCluster.await(
          Duration.ofSeconds(60), () -> TestPki.status("http://127.0.0.1:8554/healthz") == 200);
      c.bootstrap("https://localhost:8553").ok();
      TestPki.awaitReady(8554, Duration.ofSeconds(60));
      TestPki.awaitReady(9554, Duration.ofSeconds(60));

      NexusClient a = TestPki.nexusClient(dev, "superuser", 8553);
      NexusClient b = TestPki.nexusClient(dev, "superuser", 9553);
      int threads = 8;
      int perThread = 125;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        NexusClient via = t % 2 == 0 ? a : b;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    putRetryingConflicts(via, Map.of("v", thread + "-" + i));
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();

      SecretMetadataResponse meta = b.secretMetadata("apps/shared/counter", 0);
      assertThat(meta.metadata().currentVersion()).isEqualTo(1000);
      assertThat(meta.versions().keySet())
          .containsExactlyElementsOf(
              IntStream.rangeClosed(1, 1000).mapToObj(Integer::toString).toList());
      Set<String> values = new HashSet<>();
      for (int v = 1; v <= 1000; v++) {
        values.add((v % 2 == 0 ? a : b).getSecret("apps/shared/counter", v).data().get("v"));
      }
      Set<String> expected = new HashSet<>();
      for (int t = 0; t < threads; t++) {
        for (int i = 0; i < perThread; i++) {
          expected.add(t + "-" + i);
        }
      }
      assertThat(values).isEqualTo(expected);
    }
  }

  /** A put as a client does it: a 409 "try again" changed nothing and is retried. */
  private static void putRetryingConflicts(NexusClient via, Map<String, String> values) {
    for (int attempt = 0; ; attempt++) {
      try {
        via.putSecret("apps/shared/counter", values);
        return;
      } catch (ApiException e) {
        if (e.code() != ErrorCode.CONFLICT || attempt >= 20) {
          throw e;
        }
      }
    }
  }
}
