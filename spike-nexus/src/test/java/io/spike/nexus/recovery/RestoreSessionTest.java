package io.spike.nexus.recovery;

import static io.spike.nexus.ApiAssertions.assertRefusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.wire.ShardValue;
import io.spike.api.wire.StatusResponse;
import io.spike.crypto.KeyCheck;
import io.spike.crypto.Keyring;
import io.spike.crypto.RootKey;
import io.spike.crypto.SecretBytes;
import io.spike.crypto.Shamir;
import io.spike.crypto.Shard;
import io.spike.nexus.TestClock;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.refusal.Refusal;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.Stores;
import io.spike.store.SystemKey;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestoreSessionTest {
  private static final Duration TTL = Duration.ofMinutes(10);

  private final SecureRandom random = new SecureRandom();
  private final TestClock clock = new TestClock();
  private final SpikeStore store = Stores.open(new StoreConfig.Memory());
  private final Barrier barrier = new Barrier();
  private final RootKey key = RootKey.generate(random);
  private final List<Shard> shards = Shamir.split(key, 3, 2);
  private RestoreSession session;

  @BeforeEach
  void setUp() throws GeneralSecurityException {
    Keyring keyring = Keyring.create(random);
    store.initialize(
        Map.of(SystemKey.KEY_CHECK, KeyCheck.create(key), SystemKey.KEYRING, keyring.wrap(key)));
    keyring.destroy();
    session = new RestoreSession(store, barrier, 3, 2, TTL, clock);
  }

  @AfterEach
  void tearDown() {
    session.close();
    barrier.seal();
    store.close();
  }

  private ShardValue good(int id) {
    SecretBytes value = shards.get(id - 1).value();
    byte[] bytes = value.copyBytes();
    try {
      return ShardValue.ofBytes(bytes);
    } finally {
      SecretBytes.wipe(bytes);
      value.destroy();
    }
  }

  /** The shard with its last hex digit changed. */
  private ShardValue bad(int id) {
    byte[] bytes = good(id).copyBytes();
    bytes[31] ^= 0x01;
    return ShardValue.ofBytes(bytes);
  }

  @Test
  void accept_firstShard_needsOneMore() {
    assertThat(session.accept(1, good(1))).isEqualTo(new RestoreOutcome.NeedMoreShards(1, 1));
    assertThat(session.progress()).isEqualTo(new StatusResponse.Restore(1, 1));
    assertThat(barrier.isSealed()).isTrue();
  }

  @Test
  void accept_sameShardAgain_isIgnored() {
    session.accept(1, good(1));

    assertThat(session.accept(1, good(1))).isEqualTo(new RestoreOutcome.NeedMoreShards(1, 1));
    assertThat(barrier.isSealed()).isTrue();
  }

  @Test
  void accept_thresholdShards_unsealsWithTheRightKey() {
    session.accept(3, good(3));

    assertThat(session.accept(1, good(1))).isEqualTo(new RestoreOutcome.Restored(2, List.of()));
    assertThat(barrier.isSealed()).isFalse();
    assertThat(barrier.withRootKey(key::equals)).isTrue();
    assertThat(session.progress()).isEqualTo(new StatusResponse.Restore(0, 2));
  }

  @Test
  void accept_wrongShard_keepsTheSet_andACorrectedShardWithTheSameIdRestores() {
    session.accept(1, good(1));

    RestoreOutcome outcome = session.accept(2, bad(2));

    assertThat(outcome).isEqualTo(new RestoreOutcome.WrongShards(2, 2, List.of(1, 2)));
    assertThat(((RestoreOutcome.WrongShards) outcome).atLeastWrong()).isEqualTo(1);
    assertThat(barrier.isSealed()).isTrue();
    assertThat(session.progress()).isEqualTo(new StatusResponse.Restore(2, 0));

    assertThat(session.accept(2, good(2))).isEqualTo(new RestoreOutcome.Restored(2, List.of()));
    assertThat(barrier.isSealed()).isFalse();
  }

  @Test
  void accept_wrongShardAmongThree_restoresAndNamesIt() {
    session.accept(1, good(1));
    session.accept(2, bad(2));

    assertThat(session.accept(3, good(3))).isEqualTo(new RestoreOutcome.Restored(3, List.of(2)));
    assertThat(barrier.withRootKey(key::equals)).isTrue();
  }

  @Test
  void accept_twoWrongOfThree_cannotRestore_andSaysAtLeastTwo() {
    session.accept(1, good(1));
    session.accept(2, bad(2));

    RestoreOutcome outcome = session.accept(3, bad(3));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            RestoreOutcome.WrongShards.class, w -> assertThat(w.atLeastWrong()).isEqualTo(2));
    assertThat(barrier.isSealed()).isTrue();
  }

  @Test
  void accept_badInput_is400_andHoldsNothing() {
    assertRefusal(() -> session.accept(0, good(1)), Refusal.Kind.INVALID, "shard id must be 1..3");
    assertRefusal(() -> session.accept(4, good(1)), Refusal.Kind.INVALID, "shard id must be 1..3");
    assertRefusal(
        () -> session.accept(1, ShardValue.ofBytes(new byte[32])), Refusal.Kind.INVALID, "zeros");
    byte[] ff = new byte[32];
    Arrays.fill(ff, (byte) 0xff);
    assertRefusal(
        () -> session.accept(1, ShardValue.ofBytes(ff)), Refusal.Kind.INVALID, "out of range");
    assertRefusal(() -> session.accept(1, null), Refusal.Kind.INVALID, "required");

    assertThat(session.progress()).isEqualTo(new StatusResponse.Restore(0, 2));
  }

  @Test
  void accept_whileUnsealed_is409() {
    barrier.unseal(RootKey.generate(random), Keyring.create(random));

    assertRefusal(() -> session.accept(1, good(1)), Refusal.Kind.CONFLICT, "unsealed");
  }

  @Test
  void accept_onANeverBootstrappedStore_is409() {
    try (SpikeStore empty = Stores.open(new StoreConfig.Memory());
        RestoreSession fresh = new RestoreSession(empty, barrier, 3, 2, TTL, clock)) {
      assertRefusal(() -> fresh.accept(1, good(1)), Refusal.Kind.CONFLICT, "never bootstrapped");
      assertThat(fresh.progress()).isEqualTo(new StatusResponse.Restore(0, 2));
    }
  }

  @Test
  void partialSet_expiresTtlAfterTheLastAcceptedShard() {
    session.accept(1, good(1));
    clock.advance(TTL.minusSeconds(1));
    assertThat(session.progress().collected()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));

    assertThat(session.progress()).isEqualTo(new StatusResponse.Restore(0, 2));
    assertThat(session.accept(2, good(2))).isEqualTo(new RestoreOutcome.NeedMoreShards(1, 1));
  }

  @Test
  void partialSet_ttlRestartsWithEachAcceptedShard() {
    session.accept(1, good(1));
    clock.advance(Duration.ofMinutes(9));
    session.accept(2, bad(2));
    clock.advance(Duration.ofMinutes(9));

    assertThat(session.progress().collected()).isEqualTo(2);
  }

  @Test
  void partialSet_isWipedByTheTimer_withoutAnyCall() {
    try (RestoreSession quick =
        new RestoreSession(store, barrier, 3, 2, Duration.ofMillis(100), Clock.systemUTC())) {
      quick.accept(1, good(1));
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (!quick.toString().contains("held=[]") && System.nanoTime() < deadline) {
        io.spike.nexus.NexusTestCluster.sleep(20);
      }
      assertThat(quick.toString()).contains("held=[]");
    }
  }

  @Test
  void toString_showsIdsOnly() {
    session.accept(2, good(2));

    assertThat(session.toString()).isEqualTo("RestoreSession[held=[2], threshold=2]");
  }
}
