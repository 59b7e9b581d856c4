package io.spike.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShardSearchTest {
  private static final long SEED = 0x5eed_5ea7c4L;
  private static final int TRIALS = 150;

  /** A shard list with genuine, wrong, foreign and repeated shards, and what a search must find. */
  private record Pile(RootKey key, int threshold, List<Shard> shards, List<Integer> expected) {}

  /**
   * Random root key, shares and threshold; a random subset of its shards, plus shards with random
   * values (ids that may clash with genuine ones), shards of another key and exact repeats, in
   * random order. The expected positions are the lowest-positioned genuine shards with distinct
   * ids: the lexicographically first passing subset (a partition matroid, so greedy is minimal).
   */
  private static Pile pile(SplittableRandom random) throws Exception {
    int shares = 1 + random.nextInt(6);
    int threshold = 1 + random.nextInt(shares);
    RootKey key = TestKeys.key(random);
    List<Shard> genuine = new ArrayList<>(Shamir.split(key, shares, threshold));
    Random shuffle = new Random(random.nextLong());
    Collections.shuffle(genuine, shuffle);
    List<Shard> pile = new ArrayList<>(genuine.subList(0, random.nextInt(shares + 1)));
    int wrong = random.nextInt(3);
    for (int i = 0; i < wrong; i++) {
      byte[] value = new byte[Shard.VALUE_LENGTH];
      random.nextBytes(value);
      value[0] &= 0x7f;
      pile.add(Shard.of(1 + random.nextInt(shares + 1), value));
    }
    if (random.nextBoolean()) {
      List<Shard> foreign = Shamir.split(TestKeys.key(random), shares, threshold);
      pile.add(foreign.get(random.nextInt(shares)));
    }
    int repeats = pile.isEmpty() ? 0 : random.nextInt(3);
    for (int i = 0; i < repeats; i++) {
      pile.add(pile.get(random.nextInt(pile.size())));
    }
    Collections.shuffle(pile, shuffle);

    Set<Shard> real = new HashSet<>(genuine);
    Set<Integer> ids = new HashSet<>();
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < pile.size() && expected.size() < threshold; i++) {
      Shard s = pile.get(i);
      if (real.contains(s) && ids.add(s.id())) {
        expected.add(i);
      }
    }
    return new Pile(key, threshold, pile, expected.size() == threshold ? expected : List.of());
  }

  @Test
  void ofSize_findsTheKey_exactlyWhenThresholdGenuineShardsArePresent() throws Exception {
    SplittableRandom random = new SplittableRandom(SEED);
    int found = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
      Pile p = pile(random);
      ShardSearch.Outcome outcome =
          ShardSearch.ofSize(p.shards(), p.threshold(), KeyCheck.create(p.key()), 10_000);

      String why = "trial " + trial + " threshold " + p.threshold() + " " + p.shards();
      if (p.expected().isEmpty()) {
        assertThat(outcome).as(why).isEqualTo(new ShardSearch.NotFound());
        continue;
      }
      found++;
      ShardSearch.Found f = outcome.found().orElseThrow(() -> new AssertionError(why));
      assertThat(f.key()).as(why).isEqualTo(p.key());
      assertThat(f.positions()).as(why).isEqualTo(p.expected());
      assertThat(f.shardIds())
          .as(why)
          .isEqualTo(p.expected().stream().map(i -> p.shards().get(i).id()).sorted().toList());
      assertThat(f.threshold()).isEqualTo(p.threshold());
      assertThat(p.shards()).noneMatch(Shard::isDestroyed);
    }
    assertThat(found).as("trials that had enough genuine shards").isBetween(20, TRIALS - 20);
  }

  @Test
  void smallestFirst_discoversTheThreshold_andAgreesWithOfSize() throws Exception {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    for (int trial = 0; trial < TRIALS; trial++) {
      Pile p = pile(random);
      ShardSearch.Outcome outcome =
          ShardSearch.smallestFirst(p.shards(), KeyCheck.create(p.key()), 100_000);

      String why = "trial " + trial + " threshold " + p.threshold() + " " + p.shards();
      if (p.expected().isEmpty()) {
        assertThat(outcome).as(why).isEqualTo(new ShardSearch.NotFound());
      } else {
        ShardSearch.Found f = outcome.found().orElseThrow(() -> new AssertionError(why));
        assertThat(f.threshold()).as(why).isEqualTo(p.threshold());
        assertThat(f.positions()).as(why).isEqualTo(p.expected());
        assertThat(f.key()).as(why).isEqualTo(p.key());
      }
    }
  }

  @Test
  void search_passesOverAWrongShard_andSaysWhichOnesWorked() throws Exception {
    RootKey key = TestKeys.key(7);
    List<Shard> shards = new ArrayList<>(Shamir.split(key, 3, 2));
    shards.set(0, Shamir.split(TestKeys.key(8), 3, 2).get(0)); // id 1, another key

    ShardSearch.Found found =
        ShardSearch.smallestFirst(shards, KeyCheck.create(key), 100).found().orElseThrow();

    assertThat(found.shardIds()).containsExactly(2, 3);
    assertThat(found.positions()).containsExactly(1, 2);
  }

  @Test
  void search_neverCombinesTwoShardsClaimingOneId() throws Exception {
    RootKey key = TestKeys.key(9);
    List<Shard> good = Shamir.split(key, 3, 2);
    Shard otherOne = Shamir.split(TestKeys.key(10), 3, 2).get(0);

    ShardSearch.Found found =
        ShardSearch.ofSize(List.of(otherOne, good.get(0), good.get(2)), 2, KeyCheck.create(key), 10)
            .found()
            .orElseThrow();

    assertThat(found.shardIds()).containsExactly(1, 3);
    assertThat(found.positions()).containsExactly(1, 2);
  }

  @Test
  void search_isNotFound_forNoShardsOrTooFew() throws Exception {
    RootKey key = TestKeys.key(11);
    byte[] check = KeyCheck.create(key);

    assertThat(ShardSearch.smallestFirst(List.of(), check, 10))
        .isEqualTo(new ShardSearch.NotFound());
    assertThat(ShardSearch.ofSize(Shamir.split(key, 3, 2).subList(0, 1), 2, check, 10))
        .isEqualTo(new ShardSearch.NotFound());
  }

  @Test
  void search_givesUp_atTheBound_andNotBefore() throws Exception {
    List<Shard> shards = Shamir.split(TestKeys.key(12), 5, 3);
    byte[] otherCheck = KeyCheck.create(TestKeys.key(13));

    // C(5,3) = 10 subsets of size 3.
    assertThat(ShardSearch.ofSize(shards, 3, otherCheck, 10)).isEqualTo(new ShardSearch.NotFound());
    assertThat(ShardSearch.ofSize(shards, 3, otherCheck, 9)).isEqualTo(new ShardSearch.GaveUp(2));
    // 5 of size 1, then 10 of size 2: the bound falls inside size 2.
    assertThat(ShardSearch.smallestFirst(shards, otherCheck, 12))
        .isEqualTo(new ShardSearch.GaveUp(1));
    assertThat(ShardSearch.smallestFirst(shards, otherCheck, 15))
        .isEqualTo(new ShardSearch.GaveUp(2));
  }

  @Test
  void search_refusesBadBounds() {
    List<Shard> shards = Shamir.split(TestKeys.key(14), 3, 2);
    byte[] check = new byte[0];

    assertThatThrownBy(() -> ShardSearch.ofSize(shards, 0, check, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ShardSearch.smallestFirst(shards, check, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
