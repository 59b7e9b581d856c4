package io.spike.nexus.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.api.ApiException;
import io.spike.api.ErrorCode;
import io.spike.api.NexusClient;
import io.spike.api.Routes;
import io.spike.api.wire.PolicyPutRequest;
import io.spike.crypto.RootKey;
import io.spike.crypto.SecretBytes;
import io.spike.identity.Role;
import io.spike.identity.SvidSource;
import io.spike.identity.TlsContexts;
import io.spike.nexus.Clusters;
import io.spike.nexus.NexusTestCluster;
import io.spike.store.snapshot.InspectReport;
import io.spike.store.snapshot.SnapshotHeader;
import io.spike.store.snapshot.SnapshotReader;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v1/operator/snapshot} over real mTLS. */
class SnapshotRouteTest {
  private static final List<String> VALUES =
      List.of("alpha-plaintext-7f3e9c", "beta-plaintext-0a1b2c", "gamma-plaintext-d4e5f6");
  private static final String SECRET_KEY_NAME = "value-key-q9w8e7";
  private static final String POLICY_PATTERN = "^spiffe://spike\\.ist/billing-x1y2z3$";

  @TempDir static Path dir;
  @RegisterExtension static final Clusters clusters = Clusters.perClass();
  private static NexusTestCluster cluster;
  private static NexusTestCluster sealed;
  private static RootKey rootKey;

  @BeforeAll
  static void start() {
    cluster = clusters.start(dir.resolve("live"));
    sealed = clusters.start();
    rootKey = RootKey.generate(new SecureRandom());
    cluster.seedKeepers(rootKey);
    cluster.awaitReady();
    NexusClient admin = cluster.client(cluster.superuser());
    admin.putSecret("apps/web/db", Map.of("pass", VALUES.get(0)));
    admin.putSecret("apps/web/db", Map.of("pass", VALUES.get(1)));
    admin.putSecret("apps/api/db", Map.of(SECRET_KEY_NAME, VALUES.get(2)));
    admin.putPolicy(
        new PolicyPutRequest("billing", POLICY_PATTERN, "apps/billing/.*", List.of("read")));
  }

  @AfterAll
  static void stop() {
    rootKey.destroy();
  }

  private static Path download(NexusClient client, String name) throws Exception {
    Path file = dir.resolve(name);
    try (InputStream in = client.snapshot()) {
      Files.copy(in, file);
    }
    return file;
  }

  @Test
  void superuser_getsAGoodSignedSnapshot_withTheRightCounts() throws Exception {
    Path file = download(cluster.client(cluster.superuser()), "good.snap");

    InspectReport report = SnapshotReader.inspect(file);
    assertThat(report.ok()).as(report.problem().orElse("")).isTrue();
    SnapshotHeader header = report.header().orElseThrow();
    assertThat(header.counts().secrets()).isEqualTo(2);
    assertThat(header.counts().versions()).isEqualTo(3);
    assertThat(header.counts().policies()).isEqualTo(1);
    assertThat(header.counts().system()).isGreaterThanOrEqualTo(2);
    assertThat(header.backend()).isEqualTo("memory");
    assertThat(header.keyringTerms()).containsExactly(1);
    assertThat(header.signed()).isTrue();
    byte[] hmacKey = rootKey.deriveKey(Snapshots.HMAC_LABEL, Snapshots.HMAC_KEY_BYTES);
    assertThat(SnapshotReader.verifyHmac(file, hmacKey)).isTrue();
    SecretBytes.wipe(hmacKey);
  }

  @Test
  void snapshot_holdsNoSecretValue() throws Exception {
    byte[] bytes = Files.readAllBytes(download(cluster.client(cluster.superuser()), "search.snap"));

    for (String plaintext :
        List.of(
            VALUES.get(0),
            VALUES.get(1),
            VALUES.get(2),
            SECRET_KEY_NAME,
            POLICY_PATTERN,
            "billing-x1y2z3")) {
      assertThat(LiveStore.contains(bytes, plaintext.getBytes(StandardCharsets.UTF_8)))
          .as(plaintext)
          .isFalse();
      assertThat(LiveStore.contains(bytes, plaintext.getBytes(StandardCharsets.UTF_16BE)))
          .as(plaintext)
          .isFalse();
    }
    assertThat(LiveStore.contains(bytes, "apps/web/db".getBytes(StandardCharsets.UTF_8)))
        .as("paths are plaintext keys, so the search itself works")
        .isTrue();
  }

  @Test
  void response_isAnOctetStreamAttachment_namedByItsTime() throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(
                TlsContexts.client(
                    cluster.superuser(), TlsContexts.role(Role.NEXUS, NexusTestCluster.TD)))
            .build();
    HttpResponse<byte[]> response =
        client.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "https://127.0.0.1:" + cluster.nexus().port() + Routes.OPERATOR_SNAPSHOT))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/octet-stream");
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(response.headers().firstValue("Content-Disposition"))
        .hasValueSatisfying(
            v ->
                assertThat(v)
                    .matches("attachment; filename=\"spike-snapshot-\\d{8}T\\d{6}Z\\.snap\""));
    assertThat(new String(response.body(), 0, 8, StandardCharsets.US_ASCII)).isEqualTo("SPIKESNP");
  }

  @Test
  void everyoneButTheSuperuser_is401() {
    for (SvidSource who :
        List.of(
            cluster.workload(),
            cluster.recoverRole(),
            cluster.restoreRole(),
            cluster.bootstrap())) {
      assertThatThrownBy(() -> cluster.client(who).snapshot().close())
          .isInstanceOfSatisfying(
              ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    }
  }

  @Test
  void sealed_is503() {
    assertThatThrownBy(() -> sealed.client(sealed.superuser()).snapshot().close())
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_READY));
  }
}
