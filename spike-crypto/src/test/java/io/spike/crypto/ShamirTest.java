package io.spike.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShamirTest {

  private static final int KEYS = 12;

  private static List<Shard> subset(List<Shard> shards, int mask) {
    List<Shard> out = new ArrayList<>();
    for (int i = 0; i < shards.size(); i++) {
      if ((mask & (1 << i)) != 0) {
        out.add(shards.get(i));
      }
    }
    return out;
  }

  /** One check of a subset of the shards of {@code key} made with {@code threshold}. */
  private interface SubsetCheck {
    /** False when this subset is not one the test checks. */
    boolean check(RootKey key, int threshold, List<Shard> subset) throws Exception;
  }

  /**
   * Runs {@code check} on every non-empty subset of the shards of {@value #KEYS} seeded keys, for
   * every share count n and threshold t with {@code from} &le; t &le; n &le; 7; how many it
   * checked.
   */
  private static int forEverySubset(long seed, int from, SubsetCheck check) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    int checked = 0;
    for (int k = 0; k < KEYS; k++) {
      RootKey key = TestKeys.key(random);
      for (int n = from; n <= 7; n++) {
        for (int t = from; t <= n; t++) {
          List<Shard> shards = Shamir.split(key, n, t);
          for (int mask = 1; mask < (1 << n); mask++) {
            if (check.check(key, t, subset(shards, mask))) {
              checked++;
            }
          }
        }
      }
    }
    return checked;
  }

  @Test
  void combine_anyThresholdSubset_recoversKey() throws Exception {
    int checked =
        forEverySubset(
            20240601L,
            1,
            (key, t, subset) -> {
              if (subset.size() < t) {
                return false;
              }
              assertThat(Shamir.combine(subset)).as("t=%d %s", t, subset).isEqualTo(key);
              return true;
            });
    assertThat(checked).isEqualTo(KEYS * 769);
  }

  @Test
  void combine_belowThreshold_givesDifferentKey() throws Exception {
    int checked =
        forEverySubset(
            99,
            2,
            (key, t, subset) -> {
              if (subset.size() != t - 1) {
                return false;
              }
              assertThat(Shamir.combine(subset)).isNotEqualTo(key);
              return true;
            });
    assertThat(checked).isPositive();
  }

  @Test
  void combine_shardOrderDoesNotMatter() throws Exception {
    RootKey key = TestKeys.key(5);
    List<Shard> shards = new ArrayList<>(Shamir.split(key, 7, 4));
    Random random = new Random(5);
    for (int i = 0; i < 20; i++) {
      Collections.shuffle(shards, random);
      assertThat(Shamir.combine(shards.subList(0, 4))).isEqualTo(key);
    }
  }

  @Test
  void combine_oneCorruptShard_givesDifferentKey() throws Exception {
    RootKey key = TestKeys.key(6);
    List<Shard> shards = new ArrayList<>(Shamir.split(key, 3, 2));
    byte[] v = shards.get(1).value().copyBytes();
    v[31] ^= 1;
    shards.set(1, Shard.of(2, v));
    assertThat(Shamir.combine(shards.subList(0, 2))).isNotEqualTo(key);
    assertThat(Shamir.combine(List.of(shards.get(0), shards.get(2)))).isEqualTo(key);
  }

  @Test
  void split_sameKeyTwice_identicalShares() throws Exception {
    SplittableRandom random = new SplittableRandom(3);
    for (int k = 0; k < KEYS; k++) {
      RootKey key = TestKeys.key(random);
      RootKey sameKey = RootKey.fromBytes(key.material().copyBytes());
      assertThat(Shamir.split(key, 5, 3)).isEqualTo(Shamir.split(sameKey, 5, 3));
    }
  }

  @Test
  void split_isPinnedByAKnownAnswer() throws Exception {
    // Recovery files must combine across releases: this vector must never change.
    RootKey key = RootKey.fromBytes(P256.toFixed32(BigInteger.valueOf(42)));
    List<String> hex =
        Shamir.split(key, 3, 2).stream()
            .map(s -> HexFormat.of().formatHex(s.value().copyBytes()))
            .toList();
    assertThat(hex).containsExactly(KNOWN_ANSWER);
  }

  /** Cross-checked with an independent Python HKDF + Horner implementation. */
  private static final String[] KNOWN_ANSWER = {
    "e348847b829c4d239c65f1953c851c02743260e54e7e73d76e54d03eddc2b432",
    "c69108f805389a4638cbe32a790a38052b7dc71cf5e54929e8efd5babf2242e9",
    "a9d98d7487d4e768d531d4bfb58f5407e2c92d549d4c1e7c638adb36a081d1a0",
  };

  @Test
  void split_moreShares_extendsFewer() {
    RootKey key = TestKeys.key(8);
    assertThat(Shamir.split(key, 7, 3)).startsWith(Shamir.split(key, 3, 3).toArray(new Shard[0]));
  }

  @Test
  void split_differentThresholds_differentPolynomials() {
    RootKey key = TestKeys.key(9);
    List<Shard> two = Shamir.split(key, 3, 2);
    List<Shard> three = Shamir.split(key, 3, 3);
    for (int i = 0; i < 3; i++) {
      assertThat(two.get(i)).isNotEqualTo(three.get(i));
    }
  }

  @Test
  void split_differentKeys_differentShares() {
    SplittableRandom random = new SplittableRandom(4);
    RootKey a = TestKeys.key(random);
    RootKey b = TestKeys.key(random);
    List<Shard> sa = Shamir.split(a, 5, 3);
    List<Shard> sb = Shamir.split(b, 5, 3);
    for (int i = 0; i < 5; i++) {
      assertThat(sa.get(i)).isNotEqualTo(sb.get(i));
    }
  }

  @Test
  void split_thresholdOne_everyShareIsTheKey() throws Exception {
    RootKey key = TestKeys.key(10);
    for (Shard s : Shamir.split(key, 4, 1)) {
      assertThat(s.value()).isEqualTo(key.material());
      assertThat(Shamir.combine(List.of(s))).isEqualTo(key);
    }
  }

  @Test
  void split_idsAreOneToNAndValuesInRange() {
    List<Shard> shards = Shamir.split(TestKeys.key(11), 255, 5);
    for (int i = 0; i < shards.size(); i++) {
      assertThat(shards.get(i).id()).isEqualTo(i + 1);
      assertThat(P256.isBelowOrder(shards.get(i).value().copyBytes())).isTrue();
    }
  }

  @Test
  void split_invalidParameters_rejected() {
    RootKey key = TestKeys.key(12);
    int[][] bad = {{0, 0}, {3, 0}, {2, 3}, {256, 2}, {256, 256}, {-1, 1}, {1, -1}};
    for (int[] p : bad) {
      assertThatThrownBy(() -> Shamir.split(key, p[0], p[1]))
          .as("shares=%d threshold=%d", p[0], p[1])
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void combine_duplicateIds_rejected() {
    List<Shard> shards = Shamir.split(TestKeys.key(13), 3, 2);
    assertThatThrownBy(() -> Shamir.combine(List.of(shards.get(0), shards.get(0))))
        .isInstanceOf(IllegalArgumentException.class);
    Shard forged = Shard.of(1, shards.get(1).value().copyBytes());
    assertThatThrownBy(() -> Shamir.combine(List.of(shards.get(0), forged, shards.get(2))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void combine_empty_rejected() {
    assertThatThrownBy(() -> Shamir.combine(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void combine_resultZero_throwsGeneralSecurity() {
    // Two points on the line f(x) = x: f(0) = 0 is no valid key.
    List<Shard> line =
        List.of(
            Shard.of(1, P256.toFixed32(BigInteger.ONE)),
            Shard.of(2, P256.toFixed32(BigInteger.TWO)));
    assertThatThrownBy(() -> Shamir.combine(line)).isInstanceOf(GeneralSecurityException.class);
  }
}
