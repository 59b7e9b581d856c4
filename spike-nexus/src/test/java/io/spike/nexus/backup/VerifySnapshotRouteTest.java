package io.spike.nexus.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.api.ApiException;
import io.spike.api.ErrorCode;
import io.spike.api.NexusClient;
import io.spike.api.wire.SnapshotVerifyResponse;
import io.spike.config.Settings;
import io.spike.identity.SvidSource;
import io.spike.nexus.Clusters;
import io.spike.nexus.NexusTestCluster;
import io.spike.store.StoreConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /v1/operator/snapshot?action=verify} over real mTLS: Nexus checks an uploaded snapshot
 * with its root key.
 */
class VerifySnapshotRouteTest {
  private static final int SMALL_LIMIT = 4096;

  @TempDir static Path dir;
  @RegisterExtension static final Clusters clusters = Clusters.perClass();
  private static NexusTestCluster nexus;
  private static NexusTestCluster other;
  private static NexusTestCluster sealed;
  private static Path good;
  private static Path foreign;

  @BeforeAll
  static void start() throws Exception {
    nexus = clusters.start(dir.resolve("a"));
    other =
        clusters.start(
            dir.resolve("b"),
            new StoreConfig.Memory(),
            Map.of(Settings.MAX_SNAPSHOT_BYTES.name(), String.valueOf(SMALL_LIMIT)));
    sealed = clusters.start(dir.resolve("c"));
    nexus.seedKeepers();
    other.seedKeepers();
    nexus.awaitReady();
    other.awaitReady();
    NexusClient admin = nexus.client(nexus.superuser());
    for (int i = 0; i < 5; i++) {
      admin.putSecret("apps/s" + i, Map.of("k", "v" + i, "pad", "p".repeat(400)));
    }
    admin.putSecret("apps/s0", Map.of("k", "second"));
    other.client(other.superuser()).putSecret("apps/elsewhere", Map.of("k", "v"));
    good = download(nexus, "good.snap");
    foreign = download(other, "foreign.snap");
  }

  private static Path download(NexusTestCluster cluster, String name) throws Exception {
    Path file = dir.resolve(name);
    try (InputStream in = cluster.client(cluster.superuser()).snapshot()) {
      Files.copy(in, file);
    }
    return file;
  }

  private static SnapshotVerifyResponse verify(NexusTestCluster cluster, Path file) {
    return cluster.client(cluster.superuser()).verifySnapshot(file);
  }

  @Test
  void goodSnapshot_isOk_withItsCounts() {
    SnapshotVerifyResponse result = verify(nexus, good);

    assertThat(result.problems()).isEmpty();
    assertThat(result.ok()).isTrue();
    assertThat(result.signed()).isTrue();
    assertThat(result.secrets()).isEqualTo(5);
    assertThat(result.versions()).isEqualTo(6);
    assertThat(result.policies()).isZero();
  }

  @Test
  void snapshotOfAnotherNexus_isNotOk_becauseOfTheRootKey() {
    SnapshotVerifyResponse result = verify(nexus, foreign);

    assertThat(result.ok()).isFalse();
    assertThat(result.problems()).containsExactly("snapshot is from another root key");
  }

  @Test
  void oneByteChanged_isNotOk_namingTheSection() {
    Path damaged = LiveStore.flipByteIn(good, "versions", dir.resolve("damaged.snap"));

    SnapshotVerifyResponse result = verify(nexus, damaged);

    assertThat(result.ok()).isFalse();
    assertThat(result.problems()).singleElement().asString().contains("versions");
  }

  @Test
  void truncated_isNotOk_namingTheSection() throws Exception {
    byte[] bytes = Files.readAllBytes(good);
    Path cut = Files.write(dir.resolve("cut.snap"), Arrays.copyOf(bytes, bytes.length - 40));

    SnapshotVerifyResponse result = verify(nexus, cut);

    assertThat(result.ok()).isFalse();
    assertThat(result.problems()).singleElement().asString().contains("trailer");
  }

  @Test
  void uploadOverTheLimit_is413() throws Exception {
    byte[] big = new byte[SMALL_LIMIT * 2];
    new SecureRandom().nextBytes(big);
    Path file = Files.write(dir.resolve("big.snap"), big);

    assertThatThrownBy(() -> verify(other, file))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE));
    assertThat(verify(other, foreign).ok())
        .as("a snapshot under the limit is still verified")
        .isTrue();
  }

  @Test
  void jsonLimitDoesNotApply_toTheUpload() throws Exception {
    assertThat(Files.size(good)).isLessThan(1024 * 1024);
    byte[] padded = new byte[2 * 1024 * 1024];
    Path file = Files.write(dir.resolve("two-mib.snap"), padded);

    SnapshotVerifyResponse result = verify(nexus, file);

    assertThat(result.ok()).isFalse();
    assertThat(result.problems()).hasSize(1);
  }

  @Test
  void everyoneButTheSuperuser_is401() {
    for (SvidSource who : List.of(nexus.workload(), nexus.recoverRole(), nexus.restoreRole())) {
      assertThatThrownBy(() -> nexus.client(who).verifySnapshot(good))
          .isInstanceOfSatisfying(
              ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    }
  }

  @Test
  void sealed_is503() {
    assertThatThrownBy(() -> sealed.client(sealed.superuser()).verifySnapshot(good))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_READY));
  }
}
