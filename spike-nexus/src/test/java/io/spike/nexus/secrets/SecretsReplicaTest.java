package io.spike.nexus.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.crypto.Keyring;
import io.spike.crypto.RootKey;
import io.spike.nexus.barrier.Barrier;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.Stores;
import io.spike.store.VersionRecord;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Secrets} of two replicas writing one path of one SQLite store at once: no version is lost. */
class SecretsReplicaTest {
  @TempDir Path dir;

  @Test
  void concurrentPuts_fromTwoReplicas_neverLoseAVersion() throws Exception {
    SecureRandom random = new SecureRandom();
    RootKey key = RootKey.generate(random);
    Keyring keyring = Keyring.create(random);
    Barrier barrier = new Barrier();
    barrier.unseal(key, keyring);
    try (SpikeStore store = Stores.open(new StoreConfig.Sqlite(dir.resolve("spike.db")))) {
      List<Secrets> replicas = List.of(new Secrets(store, barrier, Clock.systemUTC(), 1000),
          new Secrets(store, barrier, Clock.systemUTC(), 1000));
      ExecutorService pool = Executors.newFixedThreadPool(6);
      List<Future<Integer>> puts = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        Secrets replica = replicas.get(i % 2);
        int n = i;
        puts.add(pool.submit(() -> replica.put("shared/path", Map.of("n", "" + n))));
      }
      List<Integer> versions = new ArrayList<>();
      for (Future<Integer> put : puts) {
        versions.add(put.get());
      }
      pool.shutdown();
      assertThat(versions).doesNotHaveDuplicates().hasSize(60);
      assertThat(store.versions("shared/path")).extracting(VersionRecord::version).hasSize(60);
      assertThat(replicas.get(0).get("shared/path", 0).version()).isEqualTo(60);
    } finally {
      barrier.seal();
    }
  }
}
