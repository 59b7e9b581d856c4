package io.spike.nexus.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.crypto.KeyCheck;
import io.spike.crypto.Keyring;
import io.spike.crypto.RootKey;
import io.spike.nexus.barrier.Barrier;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.Stores;
import io.spike.store.SystemKey;
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

/**
 * {@link Secrets} of two replicas sharing one store: no version is lost, and data keys rotated on
 * one are read on the other.
 */
class SecretsReplicaTest {
  @TempDir Path dir;

  @Test
  void dataKeysRotatedOnOneReplica_theOtherReadsItsWrites() throws Exception {
    SecureRandom random = new SecureRandom();
    RootKey key = RootKey.generate(random);
    Keyring keyring = Keyring.create(random);
    try (SpikeStore store = Stores.open(new StoreConfig.Memory())) {
      store.initialize(
          Map.of(SystemKey.KEY_CHECK, KeyCheck.create(key), SystemKey.KEYRING, keyring.wrap(key)));
      Barrier a = new Barrier(() -> store.system(SystemKey.KEYRING));
      Barrier b = new Barrier(() -> store.system(SystemKey.KEYRING));
      a.unseal(RootKey.fromBytes(key.material().copyBytes()), keyring);
      b.unseal(
          RootKey.fromBytes(key.material().copyBytes()),
          Keyring.unwrap(key, store.system(SystemKey.KEYRING).orElseThrow()));
      Secrets onA = new Secrets(store, a, Clock.systemUTC(), 10);
      Secrets onB = new Secrets(store, b, Clock.systemUTC(), 10);
      onB.put("before", Map.of("k", "1"));

      Keyring rotated = keyring.rotate(random);
      store.putSystem(Map.of(SystemKey.KEYRING, rotated.wrap(key)));
      a.replaceKeyring(rotated);
      onA.put("after", Map.of("k", "2"));

      assertThat(b.currentTerm()).isEqualTo(1);
      assertThat(onB.get("after", 0).data()).containsEntry("k", "2");
      assertThat(b.currentTerm()).isEqualTo(2);
      assertThat(onB.get("before", 0).data()).containsEntry("k", "1");
      a.seal();
      b.seal();
    }
  }

  @Test
  void concurrentPuts_fromTwoReplicas_neverLoseAVersion() throws Exception {
    SecureRandom random = new SecureRandom();
    RootKey key = RootKey.generate(random);
    Keyring keyring = Keyring.create(random);
    Barrier barrier = new Barrier();
    barrier.unseal(key, keyring);
    try (SpikeStore store = Stores.open(new StoreConfig.Sqlite(dir.resolve("spike.db")))) {
      List<Secrets> replicas =
          List.of(
              new Secrets(store, barrier, Clock.systemUTC(), 1000),
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
