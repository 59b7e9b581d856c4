package io.spike.nexus.secrets;

import static io.spike.nexus.ApiAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.ErrorCode;
import io.spike.api.NexusClient;
import io.spike.config.Settings;
import io.spike.crypto.Keyring;
import io.spike.crypto.RootKey;
import io.spike.nexus.Clusters;
import io.spike.nexus.NexusTestCluster;
import io.spike.nexus.barrier.Barrier;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.Stores;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What one caller may make Nexus store: paths, value and secret sizes; and what a put reads. */
class SecretLimitsTest {
  @TempDir static Path dir;
  @RegisterExtension static final Clusters clusters = Clusters.perClass();
  private static NexusTestCluster cluster;
  private static NexusClient admin;

  @BeforeAll
  static void start() {
    cluster =
        clusters.start(
            dir,
            new StoreConfig.Memory(),
            Map.of(
                Settings.MAX_SECRET_PATHS.name(),
                "3",
                Settings.MAX_VALUE_BYTES.name(),
                "100",
                Settings.MAX_SECRET_BYTES.name(),
                "150"));
    cluster.seedKeepers();
    cluster.awaitReady();
    admin = cluster.client(cluster.superuser());
  }

  @Test
  void valueAndSecretOverTheirCaps_are413_andWriteNothing() {
    assertRefused(
        () -> admin.putSecret("caps/a", Map.of("k", "x".repeat(101))),
        ErrorCode.TOO_LARGE,
        "SPIKE_NEXUS_MAX_VALUE_BYTES");
    assertRefused(
        () -> admin.putSecret("caps/a", Map.of("k1", "x".repeat(80), "k2", "y".repeat(80))),
        ErrorCode.TOO_LARGE,
        "SPIKE_NEXUS_MAX_SECRET_BYTES");
    assertRefused(
        () -> admin.putSecret("caps/a", Map.of("k", "é".repeat(51))),
        ErrorCode.TOO_LARGE,
        "102 bytes");
    assertThat(cluster.store().secret("caps/a")).isEmpty();
  }

  @Test
  void newPathsBeyondTheMaximum_are409LimitReached_existingPathsStillWritable() {
    int before = (int) cluster.store().secretCount();
    for (int i = before; i < 3; i++) {
      admin.putSecret("limit/p" + i, Map.of("k", "v"));
    }
    assertRefused(
        () -> admin.putSecret("limit/one-too-many", Map.of("k", "v")),
        ErrorCode.LIMIT_REACHED,
        "SPIKE_NEXUS_MAX_SECRET_PATHS=3");
    assertThat(cluster.store().secret("limit/one-too-many")).isEmpty();
    String existing = cluster.store().secretPaths().get(0);
    admin.putSecret(existing, Map.of("k", "second version"));
    assertThat(admin.getSecret(existing, 0).data()).containsEntry("k", "second version");
  }

  /** A put reads version numbers, not every version's ciphertext (which may be 10 x 256 KiB). */
  @Test
  void put_readsNoVersionCiphertext() {
    List<String> calls = new CopyOnWriteArrayList<>();
    SpikeStore real = Stores.open(new StoreConfig.Memory());
    SpikeStore counting =
        (SpikeStore)
            Proxy.newProxyInstance(
                SpikeStore.class.getClassLoader(),
                new Class<?>[] {SpikeStore.class},
                (proxy, method, args) -> {
                  calls.add(method.getName());
                  try {
                    return method.invoke(real, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    Barrier barrier = new Barrier();
    SecureRandom random = new SecureRandom();
    barrier.unseal(RootKey.generate(random), Keyring.create(random));
    try {
      Secrets secrets = new Secrets(counting, barrier, Clock.systemUTC(), 10);
      for (int i = 0; i < 12; i++) {
        secrets.put("hot/path", Map.of("v", "x".repeat(1000)));
      }
      assertThat(calls).doesNotContain("versions", "version");
      assertThat(calls).contains("versionNumbers");
      assertThat(real.versionNumbers("hot/path")).hasSize(10);
    } finally {
      barrier.seal();
      real.close();
    }
  }
}
