package io.spike.nexus.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.api.ApiException;
import io.spike.api.NexusClient;
import io.spike.api.wire.PolicyPutRequest;
import io.spike.nexus.NexusTestCluster;
import io.spike.store.SecretRecord;
import io.spike.store.SecretWrite;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.VersionRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encryption at rest, checked on a real SQLite file. */
class SecretCodecTest {
  private static final String SECRET_VALUE = "s3cr3t-VALUE-xyz";
  private static final String POLICY_PATTERN = "very-unique-pattern-.*";

  @TempDir Path dir;
  private NexusTestCluster cluster;
  private NexusClient admin;

  @BeforeEach
  void start() {
    cluster =
        NexusTestCluster.start(
            dir, new StoreConfig.Sqlite(dir.resolve("data").resolve("spike.db")), Map.of());
    cluster.seedKeepers();
    cluster.awaitReady();
    admin = cluster.client(cluster.superuser());
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void sqliteFile_holdsNoSecretValueAndNoPolicyPattern() throws IOException {
    admin.putSecret("apps/web/db", Map.of("password", SECRET_VALUE));
    admin.putSecret("apps/web/db", Map.of("password", SECRET_VALUE, "user", "admin"));
    admin.putPolicy(new PolicyPutRequest("web", POLICY_PATTERN, POLICY_PATTERN, List.of("read")));
    cluster.stopNexusAndStore();
    List<Path> files;
    try (var listing = Files.list(dir.resolve("data"))) {
      files = listing.filter(f -> f.getFileName().toString().startsWith("spike.db")).toList();
    }
    assertThat(files).contains(dir.resolve("data").resolve("spike.db"));
    for (Path file : files) {
      String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      assertThat(bytes)
          .as(file.toString())
          .doesNotContain(SECRET_VALUE)
          .doesNotContain(POLICY_PATTERN)
          .doesNotContain("very-unique");
    }
  }

  @Test
  void swappedVersionRows_bothFailToDecrypt() {
    admin.putSecret("swap/me", Map.of("v", "first"));
    admin.putSecret("swap/me", Map.of("v", "second"));
    SpikeStore store = cluster.store();
    SecretRecord row = store.secret("swap/me").orElseThrow();
    VersionRecord one = store.version("swap/me", 1).orElseThrow();
    VersionRecord two = store.version("swap/me", 2).orElseThrow();
    overwrite(
        store,
        row,
        row.metadata(),
        new VersionRecord("swap/me", 1, two.ciphertext()),
        new VersionRecord("swap/me", 2, one.ciphertext()));
    assertServerError(() -> admin.getSecret("swap/me", 1));
    assertServerError(() -> admin.getSecret("swap/me", 2));
  }

  @Test
  void rowsMovedToAnotherPath_failToDecrypt() {
    admin.putSecret("from/here", Map.of("v", "a"));
    admin.putSecret("to/there", Map.of("v", "b"));
    SpikeStore store = cluster.store();
    SecretRecord target = store.secret("to/there").orElseThrow();
    byte[] foreignMeta = store.secret("from/here").orElseThrow().metadata();
    byte[] foreignVersion = store.version("from/here", 1).orElseThrow().ciphertext();
    overwrite(store, target, foreignMeta, new VersionRecord("to/there", 1, foreignVersion));
    assertServerError(() -> admin.getSecret("to/there", 1));
    assertServerError(() -> admin.secretMetadata("to/there", 0));
    assertThat(admin.getSecret("from/here", 0).data()).containsEntry("v", "a");
  }

  /** Writes {@code metadata} and {@code versions} over {@code row} in the store, as an attacker. */
  private static void overwrite(
      SpikeStore store, SecretRecord row, byte[] metadata, VersionRecord... versions) {
    assertThat(
            store.writeSecret(
                new SecretWrite(
                    row.path(), row.revision(), metadata, List.of(versions), List.of())))
        .isTrue();
  }

  /** The call fails with a 500: the stored bytes do not open where they now stand. */
  private static void assertServerError(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(500));
  }
}
