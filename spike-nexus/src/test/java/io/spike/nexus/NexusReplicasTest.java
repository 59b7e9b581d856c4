package io.spike.nexus;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.ApiException;
import io.spike.api.ErrorCode;
import io.spike.api.NexusClient;
import io.spike.api.wire.SecretMetadataResponse;
import io.spike.config.Settings;
import io.spike.store.StoreConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Nexus servers on one PostgreSQL and one keeper set, as two processes would run (each its own
 * store connection pool, its own barrier, its own ports): both unseal from the same keepers (one
 * wins first boot), and 1,000 concurrent puts to one path, split between them over real mTLS, leave
 * versions 1..1000 with no gap and none lost, each server reading the other's writes.
 */
class NexusReplicasTest {
  private static final int PUTS = 1000;
  private static final int THREADS = 8;
  private static final String PATH = "shared/counter";

  @TempDir Path dir;

  @Test
  @Timeout(60)
  void thousandConcurrentPuts_splitBetweenTwoServers_loseNoVersion() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start();
        NexusTestCluster cluster =
            NexusTestCluster.start(
                dir,
                new StoreConfig.Postgres(postgres.getJdbcUrl("postgres", "postgres")),
                Map.of(Settings.MAX_SECRET_VERSIONS.name(), String.valueOf(PUTS)))) {
      NexusServer b = cluster.startReplica();
      cluster.seedKeepers();
      cluster.awaitReady();
      awaitUnsealed(b);
      List<NexusClient> servers =
          List.of(
              cluster.client(cluster.superuser(), cluster.nexus()),
              cluster.client(cluster.superuser(), b));

      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<?>> puts = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        puts.add(
            pool.submit(
                () -> {
                  for (int i = thread; i < PUTS; i += THREADS) {
                    putRetryingConflicts(
                        servers.get(i % 2),
                        Map.of("n", String.valueOf(i), "via", i % 2 == 0 ? "a" : "b"));
                  }
                  return null;
                }));
      }
      for (Future<?> put : puts) {
        put.get();
      }

      for (NexusClient server : servers) {
        SecretMetadataResponse metadata = server.secretMetadata(PATH, 0);
        assertThat(metadata.metadata().currentVersion()).isEqualTo(PUTS);
        assertThat(metadata.metadata().oldestVersion()).isEqualTo(1);
        assertThat(metadata.versions().keySet())
            .containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, PUTS).mapToObj(String::valueOf).toList());
      }
      List<Future<Map<String, String>>> reads = new ArrayList<>();
      for (int v = 1; v <= PUTS; v++) {
        int version = v;
        reads.add(pool.submit(() -> servers.get(version % 2).getSecret(PATH, version).data()));
      }
      Set<String> values = new HashSet<>();
      Set<String> readAcross = new HashSet<>();
      for (int v = 1; v <= PUTS; v++) {
        Map<String, String> data = reads.get(v - 1).get();
        values.add(data.get("n"));
        String reader = v % 2 == 0 ? "a" : "b";
        if (!data.get("via").equals(reader)) {
          readAcross.add(reader);
        }
      }
      pool.shutdown();
      assertThat(values)
          .as("every put is one version")
          .hasSize(PUTS)
          .containsExactlyInAnyOrderElementsOf(
              IntStream.range(0, PUTS).mapToObj(String::valueOf).toList());
      assertThat(readAcross)
          .as("each server read versions the other wrote")
          .containsExactlyInAnyOrder("a", "b");
    }
  }

  private static void awaitUnsealed(NexusServer server) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (server.isSealed()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the second nexus did not unseal");
      }
      NexusTestCluster.sleep(50);
    }
  }

  /**
   * A put as a client does it: a 409 {@code state_conflict} ("too many concurrent writes to this
   * secret; try again") changed nothing and is retried, as its message asks; the assertions below
   * still demand every version exactly once.
   */
  private static void putRetryingConflicts(NexusClient server, Map<String, String> values) {
    for (int attempt = 0; ; attempt++) {
      try {
        server.putSecret(PATH, values);
        return;
      } catch (ApiException e) {
        if (e.code() != ErrorCode.CONFLICT || attempt >= 20) {
          throw e;
        }
      }
    }
  }
}
