package io.spike.nexus.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.crypto.RootKey;
import io.spike.crypto.Shamir;
import io.spike.crypto.Shard;
import io.spike.crypto.ShardCommitments;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.Stores;
import io.spike.store.SystemKey;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StoredCommitmentsTest {
  private final SpikeStore store = Stores.open(new StoreConfig.Memory());
  private final RootKey key = RootKey.generate(new SecureRandom());
  private final StoredCommitments commitments = new StoredCommitments(store, 3, 2);

  @AfterEach
  void close() {
    key.destroy();
    store.close();
  }

  @Test
  void ensure_writesWhenAbsent_thenNotAgain_andRewritesForOtherCounts() {
    assertThat(commitments.load()).isEmpty();

    assertThat(commitments.ensure(key)).isTrue();
    assertThat(commitments.load()).contains(ShardCommitments.of(key, 3, 2));
    assertThat(commitments.ensure(key)).isFalse();

    StoredCommitments fourShares = new StoredCommitments(store, 4, 2);
    assertThat(fourShares.ensure(key)).isTrue();
    assertThat(StoredCommitments.read(store)).contains(ShardCommitments.of(key, 4, 2));
  }

  @Test
  void check_isEmptyWithoutCommitments_elseTheVerdict() {
    Shard real = Shamir.split(key, 3, 2).get(0);
    Shard other = Shamir.split(RootKey.generate(new SecureRandom()), 3, 2).get(0);
    assertThat(commitments.check(real)).isEmpty();

    store.putSystem(commitments.record(key));

    assertThat(commitments.check(real)).contains(true);
    assertThat(commitments.check(other)).contains(false);
  }

  @Test
  void load_ofAnUndecodableRecord_isEmpty() {
    store.putSystem(Map.of(SystemKey.SHARD_COMMITMENTS, new byte[] {1, 2, 3}));

    assertThat(commitments.load()).isEmpty();
    assertThat(commitments.ensure(key)).isTrue();
    assertThat(commitments.load()).isPresent();
  }
}
