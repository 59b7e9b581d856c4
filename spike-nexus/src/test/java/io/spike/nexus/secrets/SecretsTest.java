package io.spike.nexus.secrets;

import static io.spike.nexus.ApiAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.ErrorCode;
import io.spike.api.NexusClient;
import io.spike.api.Routes;
import io.spike.api.wire.Empty;
import io.spike.api.wire.SecretMetadataResponse;
import io.spike.nexus.Clusters;
import io.spike.nexus.NexusTestCluster;
import io.spike.store.VersionRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Secrets through the real API (memory store), as the superuser. */
class SecretsTest {
  @RegisterExtension static final Clusters clusters = Clusters.perClass();
  private static NexusTestCluster cluster;
  private static NexusClient nexus;

  @BeforeAll
  static void start() {
    cluster = clusters.startUnsealed();
    nexus = cluster.client(cluster.superuser());
  }

  @Test
  void put_thenGet_roundTrips() {
    nexus.putSecret("round/trip", Map.of("user", "u", "pass", "p"));
    assertThat(nexus.getSecret("round/trip", 0).data()).isEqualTo(Map.of("user", "u", "pass", "p"));
    assertThat(nexus.getSecret("round/trip", 0).version()).isEqualTo(1);
  }

  @Test
  void put_secondVersion_incrementsCurrent() {
    nexus.putSecret("versions/a", Map.of("v", "1"));
    nexus.putSecret("versions/a", Map.of("v", "2"));
    assertThat(nexus.getSecret("versions/a", 0).version()).isEqualTo(2);
    assertThat(nexus.getSecret("versions/a", 1).data()).containsEntry("v", "1");
  }

  @Test
  void delete_current_movesCurrentDown_andUndeleteRestores() {
    String path = "versions/b";
    for (int i = 1; i <= 3; i++) {
      nexus.putSecret(path, Map.of("v", "" + i));
    }
    nexus.deleteSecret(path, List.of());
    assertThat(nexus.getSecret(path, 0).version()).isEqualTo(2);
    assertRefused(() -> nexus.getSecret(path, 3), ErrorCode.NOT_FOUND);
    assertThat(nexus.secretMetadata(path, 0).versions().get("3").deletedTime()).isPresent();

    nexus.undeleteSecret(path, List.of(3));
    assertThat(nexus.getSecret(path, 0).version()).isEqualTo(3);
    assertThat(nexus.getSecret(path, 3).data()).containsEntry("v", "3");
    assertThat(nexus.secretMetadata(path, 0).versions().get("3").deletedTime()).isEmpty();
  }

  @Test
  void delete_listedVersions_softDeletesOnlyThose() {
    String path = "versions/c";
    for (int i = 1; i <= 3; i++) {
      nexus.putSecret(path, Map.of("v", "" + i));
    }
    nexus.deleteSecret(path, List.of(1, 2));
    assertThat(nexus.getSecret(path, 0).version()).isEqualTo(3);
    assertRefused(() -> nexus.getSecret(path, 1), ErrorCode.NOT_FOUND);
    assertRefused(() -> nexus.getSecret(path, 2), ErrorCode.NOT_FOUND);
  }

  @Test
  void deleteAll_thenUndeleteEmpty_restoresNewest_andPutNeverReusesNumbers() {
    String path = "versions/d";
    nexus.putSecret(path, Map.of("v", "1"));
    nexus.putSecret(path, Map.of("v", "2"));
    nexus.deleteSecret(path, List.of(1, 2));
    assertRefused(() -> nexus.getSecret(path, 0), ErrorCode.NOT_FOUND);
    assertThat(nexus.secretMetadata(path, 0).metadata().currentVersion()).isZero();

    nexus.undeleteSecret(path, List.of());
    assertThat(nexus.getSecret(path, 0).version()).isEqualTo(2);

    nexus.deleteSecret(path, List.of(0));
    nexus.deleteSecret(path, List.of(0));
    nexus.putSecret(path, Map.of("v", "3"));
    assertThat(nexus.getSecret(path, 0).version()).isEqualTo(3);
  }

  @Test
  void get_missingPathOrVersion_is404() {
    assertRefused(() -> nexus.getSecret("no/such/secret", 0), ErrorCode.NOT_FOUND);
    nexus.putSecret("versions/e", Map.of("v", "1"));
    assertRefused(() -> nexus.getSecret("versions/e", 7), ErrorCode.NOT_FOUND);
    assertRefused(() -> nexus.deleteSecret("no/such/secret", List.of()), ErrorCode.NOT_FOUND);
  }

  @Test
  void elevenPuts_keepExactlyTenRows_andOldestMoves() {
    String path = "prune/me";
    for (int i = 1; i <= 11; i++) {
      nexus.putSecret(path, Map.of("v", "" + i));
    }
    List<VersionRecord> rows = cluster.store().versions(path);
    assertThat(rows).hasSize(10);
    assertThat(rows.get(0).version()).isEqualTo(2);
    SecretMetadataResponse meta = nexus.secretMetadata(path, 0);
    assertThat(meta.metadata().oldestVersion()).isEqualTo(2);
    assertThat(meta.metadata().currentVersion()).isEqualTo(11);
    assertThat(meta.versions()).hasSize(10).doesNotContainKey("1");
    assertRefused(() -> nexus.getSecret(path, 1), ErrorCode.NOT_FOUND);
  }

  @Test
  void list_isSorted_andExcludesFullyDeleted() {
    nexus.putSecret("list/zeta", Map.of("k", "v"));
    nexus.putSecret("list/alpha", Map.of("k", "v"));
    nexus.putSecret("list/gone", Map.of("k", "v"));
    nexus.deleteSecret("list/gone", List.of());
    List<String> keys = nexus.listSecrets();
    assertThat(keys).isSorted().contains("list/alpha", "list/zeta").doesNotContain("list/gone");
  }

  @Test
  void metadata_hasSpikeShape() {
    String path = "meta/shape";
    nexus.putSecret(path, Map.of("k", "1"));
    nexus.putSecret(path, Map.of("k", "2"));
    SecretMetadataResponse meta = nexus.secretMetadata(path, 0);
    assertThat(meta.versions()).containsOnlyKeys("1", "2");
    assertThat(meta.versions().get("2").version()).isEqualTo(2);
    assertThat(meta.versions().get("1").createdTime()).isNotNull();
    assertThat(meta.metadata().currentVersion()).isEqualTo(2);
    assertThat(meta.metadata().oldestVersion()).isEqualTo(1);
    assertThat(meta.metadata().maxVersions()).isEqualTo(10);
    assertThat(meta.metadata().updatedTime()).isAfterOrEqualTo(meta.metadata().createdTime());
    String raw =
        new String(
            cluster
                .http(cluster.superuser())
                .post(
                    "/v1/store/secrets/metadata",
                    "get",
                    Map.of("path", path),
                    com.fasterxml.jackson.databind.JsonNode.class)
                .toString());
    assertThat(raw)
        .startsWith("{\"versions\":{")
        .contains("\"1\":{\"createdTime\":\"")
        .contains("\"metadata\":{\"currentVersion\":2");
  }

  @Test
  void put_badPathsAndValues_are400_andWriteNothing() {
    List<String> before = cluster.store().secretPaths();
    for (String bad :
        new String[] {
          "",
          "x".repeat(1025),
          "bad\u0001path",
          "bad\npath",
          " padded",
          "padded ",
          "apps/web/x\ud800",
          "apps/\udc00x",
          "rtl\u202egpj.exe",
          "spike/system/acl",
          "spike/anything"
        }) {
      assertRefused(
          () ->
              cluster
                  .http(cluster.superuser())
                  .post(
                      Routes.SECRETS,
                      Routes.ACTION_DEFAULT,
                      Map.of("path", bad, "values", Map.of("k", "v")),
                      Empty.class),
          ErrorCode.BAD_REQUEST);
    }
    assertRefused(() -> nexus.putSecret("no/values", Map.of()), ErrorCode.BAD_REQUEST);
    assertRefused(() -> nexus.putSecret("empty/key", Map.of("", "v")), ErrorCode.BAD_REQUEST);
    assertRefused(() -> nexus.getSecret("ok/path", -1), ErrorCode.BAD_REQUEST);
    assertThat(cluster.store().secretPaths()).isEqualTo(before);
  }

  /**
   * An unpaired surrogate in a path must never reach the store: SQLite's UTF-8 conversion turns it
   * into '?', so {@code apps/web/x\ud800} would overwrite {@code apps/web/x?}.
   */
  @Test
  void put_pathWithUnpairedSurrogate_isRefused_andDoesNotOverwriteItsLookalike() {
    nexus.putSecret("lookalike/x?", Map.of("k", "original"));
    byte[] body =
        "{\"path\":\"lookalike/x\\ud800\",\"values\":{\"k\":\"evil\"}}"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(cluster.raw(cluster.superuser(), "POST", Routes.SECRETS, body).statusCode())
        .isEqualTo(400);
    assertThat(nexus.getSecret("lookalike/x?", 0).data()).containsEntry("k", "original");
    assertThat(nexus.getSecret("lookalike/x?", 0).version()).isEqualTo(1);
  }

  @Test
  void put_maximalPath_isAccepted() {
    String path = "p".repeat(1024);
    nexus.putSecret(path, Map.of("k", "v"));
    assertThat(nexus.getSecret(path, 0).data()).containsEntry("k", "v");
  }

  @Test
  void manyThreadsOfOneNexus_writingOnePath_takeTurns_neverConflict() throws Exception {
    int threads = 16;
    int each = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      writers.add(
          pool.submit(
              () -> {
                go.await();
                for (int i = 0; i < each; i++) {
                  nexus.putSecret("busy/path", Map.of("k", "v"));
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> writer : writers) {
      writer.get();
    }
    pool.shutdown();

    assertThat(cluster.store().versions("busy/path")).hasSize(10);
    assertThat(nexus.secretMetadata("busy/path", 0).metadata().currentVersion())
        .isEqualTo(threads * each);
  }
}
