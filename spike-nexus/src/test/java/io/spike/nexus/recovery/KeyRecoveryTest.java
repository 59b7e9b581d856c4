package io.spike.nexus.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.crypto.KeyCheck;
import io.spike.crypto.Keyring;
import io.spike.crypto.RootKey;
import io.spike.crypto.Shamir;
import io.spike.crypto.Shard;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.Stores;
import io.spike.store.SystemKey;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyRecoveryTest {
  private final SecureRandom random = new SecureRandom();
  private final SpikeStore store = Stores.open(new StoreConfig.Memory());
  private final KeyRecovery recovery = new KeyRecovery(store, 3, 2, random);
  private final RootKey key = RootKey.generate(random);
  private final List<Shard> shards = Shamir.split(key, 3, 2);

  @AfterEach
  void tearDown() {
    store.close();
  }

  private Map<Integer, Shard> pick(int... ids) {
    Map<Integer, Shard> out = new TreeMap<>();
    for (int id : ids) {
      out.put(id, shards.get(id - 1));
    }
    return out;
  }

  private static Shard randomShard(int id) {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    b[0] &= 0x7f;
    return Shard.of(id, b);
  }

  private void initialized() throws Exception {
    Keyring keyring = Keyring.create(random);
    store.initialize(
        Map.of(SystemKey.KEY_CHECK, KeyCheck.create(key), SystemKey.KEYRING, keyring.wrap(key)));
  }

  @Test
  void firstBoot_adoptsKey_andInitializesStore() {
    Recovery.Recovered r = recovered(recovery.recover(pick(1, 2)));
    assertThat(r.firstBoot()).isTrue();
    assertThat(r.rootKey()).isEqualTo(key);
    assertThat(r.wrongShards()).isEmpty();
    byte[] check = store.system(SystemKey.KEY_CHECK).orElseThrow();
    assertThat(KeyCheck.matches(key, check)).isTrue();
    assertThat(store.system(SystemKey.KEYRING)).isPresent();
  }

  @Test
  void firstBoot_namesShardsThatDisagree() {
    Map<Integer, Shard> given = pick(1, 2);
    given.put(3, randomShard(3));
    assertThat(recovered(recovery.recover(given)).wrongShards()).containsExactly(3);
  }

  @Test
  void checked_anyTwoShards_recoverAndUnwrapKeyring() throws Exception {
    initialized();
    for (int[] ids : new int[][] {{1, 2}, {1, 3}, {2, 3}, {1, 2, 3}}) {
      Recovery.Recovered r = recovered(recovery.recover(pick(ids)));
      assertThat(r.firstBoot()).isFalse();
      assertThat(r.rootKey()).isEqualTo(key);
      assertThat(r.keyring().currentTerm()).isEqualTo(1);
      assertThat(r.wrongShards()).isEmpty();
    }
  }

  @Test
  void checked_wrongShard_isSkippedAndNamed() throws Exception {
    initialized();
    for (int wrong = 1; wrong <= 3; wrong++) {
      Map<Integer, Shard> given = pick(1, 2, 3);
      given.put(wrong, randomShard(wrong));
      Recovery.Recovered r = recovered(recovery.recover(given));
      assertThat(r.rootKey()).isEqualTo(key);
      assertThat(r.wrongShards()).containsExactly(wrong);
    }
  }

  @Test
  void checked_tooFewGoodShards_giveNoKey() throws Exception {
    initialized();
    Map<Integer, Shard> given = pick(1);
    given.put(2, randomShard(2));
    assertThat(recovery.recover(given)).isInstanceOf(Recovery.NoKey.class);
    assertThat(recovery.recover(pick(1))).isInstanceOf(Recovery.NoKey.class);
  }

  @Test
  void checked_otherKeysShards_giveNoKey() throws Exception {
    initialized();
    List<Shard> other = Shamir.split(RootKey.generate(random), 3, 2);
    assertThat(recovery.recover(Map.of(1, other.get(0), 2, other.get(1))))
        .isInstanceOf(Recovery.NoKey.class);
  }

  @Test
  void firstBoot_lostRace_fallsBackToWinnersKeyCheck() throws Exception {
    RootKey winner = RootKey.generate(random);
    store.initialize(
        Map.of(
            SystemKey.KEY_CHECK,
            KeyCheck.create(winner),
            SystemKey.KEYRING,
            Keyring.create(random).wrap(winner)));
    // Our shards are of another key: the winner's key check refuses them.
    assertThat(recovery.recover(pick(1, 2))).isInstanceOf(Recovery.NoKey.class);
    List<Shard> winners = Shamir.split(winner, 3, 2);
    assertThat(recovery.recover(Map.of(2, winners.get(1), 3, winners.get(2))))
        .isInstanceOfSatisfying(
            Recovery.Recovered.class, r -> assertThat(r.rootKey()).isEqualTo(winner));
  }

  /** {@code result} is {@link Recovery.Recovered}; returns it. */
  private static Recovery.Recovered recovered(Recovery result) {
    assertThat(result).isInstanceOf(Recovery.Recovered.class);
    return (Recovery.Recovered) result;
  }
}
