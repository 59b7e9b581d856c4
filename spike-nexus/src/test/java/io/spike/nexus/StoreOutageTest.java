package io.spike.nexus;

import static io.spike.nexus.ApiAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.ApiException;
import io.spike.api.ErrorCode;
import io.spike.api.NexusClient;
import io.spike.config.Settings;
import io.spike.store.StoreConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backing store goes away under a running Nexus, for real: PostgreSQL stopped, then started
 * again on the same data; an SQLite file system that fills up, then gets space back. Nexus answers
 * with what happened (503 {@code store_unavailable} with {@code Retry-After}; 507 {@code
 * store_full}), the operations port says so, reads keep working while the disk is full, and it
 * recovers by itself with every acknowledged write kept.
 */
class StoreOutageTest {
  @TempDir Path dir;

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static EmbeddedPostgres postgres(Path data, int port) throws Exception {
    return EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setPort(port)
        .setPGStartupWait(Duration.ofSeconds(30))
        .start();
  }

  @Test
  @Timeout(180)
  void postgresStopped_is503StoreUnavailable_readyzSaysSo_thenRecoversWithNothingLost()
      throws Exception {
    Path data = dir.resolve("pg");
    int port = freePort();
    EmbeddedPostgres pg = postgres(data, port);
    String url = pg.getJdbcUrl("postgres", "postgres");
    try (NexusTestCluster cluster =
        NexusTestCluster.start(dir, new StoreConfig.Postgres(url), Map.of())) {
      cluster.seedKeepers();
      cluster.awaitReady();
      NexusClient admin = cluster.client(cluster.superuser());
      admin.putSecret("apps/acked", Map.of("k", "before the outage"));

      pg.close();
      assertRefused(
          () -> admin.putSecret("apps/during", Map.of("k", "v")), ErrorCode.STORE_UNAVAILABLE);
      HttpResponse<String> raw =
          cluster.post(
              cluster.superuser(), "/v1/store/secrets?action=get", "{\"path\":\"apps/acked\"}");
      assertThat(raw.statusCode()).isEqualTo(503);
      assertThat(raw.headers().firstValue("Retry-After")).contains("5");
      HttpResponse<String> ready = cluster.ops("/readyz");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).contains("store unavailable");
      assertThat(cluster.ops("/metrics").body())
          .contains("spike_store_unavailable 1.0")
          .containsPattern("spike_store_failures_total\\{kind=\"unavailable\"} [1-9]");

      pg = postgres(data, port);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (cluster.ops("/readyz").statusCode() != 200 && System.nanoTime() < deadline) {
        NexusTestCluster.sleep(250);
      }
      assertThat(cluster.ops("/readyz").statusCode()).isEqualTo(200);
      assertThat(admin.getSecret("apps/acked", 0).data()).containsEntry("k", "before the outage");
      admin.putSecret("apps/after", Map.of("k", "v"));
      assertThat(cluster.store().secret("apps/during")).isEmpty();
    } finally {
      pg.close();
    }
  }

  @Test
  @Timeout(120)
  void diskFull_is507StoreFull_readsKeepWorking_thenRecoversWhenSpaceReturns() throws Exception {
    Path mounted = dir.resolve("small-disk");
    try (Tmpfs disk = Tmpfs.mount(mounted, 8)) {
      Map<String, String> env = new HashMap<>();
      env.put(Settings.AUDIT_LOG.name(), dir.resolve("audit/audit.log").toString()); // another disk
      try (NexusTestCluster cluster =
          NexusTestCluster.start(
              dir, new StoreConfig.Sqlite(mounted.resolve("data").resolve("spike.db")), env)) {
        cluster.seedKeepers();
        cluster.awaitReady();
        NexusClient admin = cluster.client(cluster.superuser());
        admin.putSecret("apps/acked", Map.of("k", "before the disk filled"));

        Path filler = disk.fill();
        ApiException refused = null;
        for (int i = 0;
            i < 50 && refused == null;
            i++) { // the WAL may take a few small writes first
          try {
            admin.putSecret("apps/fill-" + i, Map.of("k", "x".repeat(8000)));
          } catch (ApiException e) {
            refused = e;
          }
        }
        assertThat(refused).isNotNull();
        assertThat(refused.code()).as(refused.getMessage()).isEqualTo(ErrorCode.STORE_FULL);
        assertThat(refused.status()).isEqualTo(507);
        assertThat(admin.getSecret("apps/acked", 0).data())
            .containsEntry("k", "before the disk filled");
        HttpResponse<String> ready = cluster.ops("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("store full");
        assertThat(cluster.ops("/metrics").body()).contains("spike_store_full 1.0");

        Files.delete(filler);
        admin.putSecret("apps/after", Map.of("k", "space is back"));
        assertThat(admin.getSecret("apps/after", 0).data()).containsEntry("k", "space is back");
        assertThat(admin.getSecret("apps/acked", 0).data())
            .containsEntry("k", "before the disk filled");

        cluster.restartNexus();
        cluster.awaitReady();
        NexusClient again = cluster.client(cluster.superuser());
        assertThat(again.getSecret("apps/acked", 0).data())
            .containsEntry("k", "before the disk filled");
        assertThat(again.getSecret("apps/after", 0).data()).containsEntry("k", "space is back");
      }
    }
  }
}
