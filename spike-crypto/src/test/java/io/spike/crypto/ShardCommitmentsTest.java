package io.spike.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShardCommitmentsTest {

  private static final int KEYS = 8;

  /** One check of every shard of a seeded key split n ways with threshold t. */
  private interface ShardCheck {
    void check(RootKey key, ShardCommitments commitments, Shard shard, SplittableRandom random);
  }

  /** Runs {@code check} on every shard of {@value #KEYS} keys for 1 &le; t &le; n &le; 5. */
  private static int forEveryShard(long seed, ShardCheck check) {
    SplittableRandom random = new SplittableRandom(seed);
    int checked = 0;
    for (int k = 0; k < KEYS; k++) {
      RootKey key = TestKeys.key(random);
      for (int n = 1; n <= 5; n++) {
        for (int t = 1; t <= n; t++) {
          ShardCommitments commitments = ShardCommitments.of(key, n, t);
          for (Shard shard : Shamir.split(key, n, t)) {
            check.check(key, commitments, shard, random);
            checked++;
          }
        }
      }
    }
    return checked;
  }

  @Test
  void verify_everyRealShard_isValid() {
    int checked =
        forEveryShard(
            11,
            (key, commitments, shard, random) -> assertThat(commitments.verify(shard)).isTrue());
    assertThat(checked).isEqualTo(KEYS * 55);
  }

  @Test
  void verify_oneChangedHexDigit_isInvalid() {
    forEveryShard(
        12,
        (key, commitments, shard, random) -> {
          char[] text = ShardText.encode(shard).toCharArray();
          int at = text.length - 1 - random.nextInt(64);
          text[at] = text[at] == '0' ? '1' : '0';
          Shard changed;
          try {
            changed = ShardText.decode(new String(text));
          } catch (ShardFormatException e) {
            return; // the change took the value out of range: not a shard at all
          }
          assertThat(commitments.verify(changed)).as("%s", shard).isFalse();
        });
  }

  @Test
  void verify_anotherKeysShard_isInvalid() {
    forEveryShard(
        13,
        (key, commitments, shard, random) -> {
          ShardCommitments other =
              ShardCommitments.of(TestKeys.key(random), 5, commitments.threshold());
          assertThat(other.verify(shard)).isFalse();
        });
  }

  @Test
  void verify_shardOfPreviousRoot_isInvalidAfterRotation() {
    SplittableRandom random = new SplittableRandom(14);
    for (int k = 0; k < KEYS; k++) {
      RootKey previous = TestKeys.key(random);
      RootKey next = TestKeys.key(random);
      ShardCommitments now = ShardCommitments.of(next, 3, 2);
      assertThat(Shamir.split(previous, 3, 2)).noneMatch(now::verify);
      assertThat(Shamir.split(next, 3, 2)).allMatch(now::verify);
    }
  }

  @Test
  void verify_wrongId_isInvalid() {
    forEveryShard(
        15,
        (key, commitments, shard, random) -> {
          if (commitments.threshold() < 2) {
            return; // a constant polynomial gives every id the same value
          }
          int otherId = shard.id() % Shard.MAX_ID + 1;
          Shard moved = shard.withValueBytes(value -> Shard.of(otherId, value));
          assertThat(commitments.verify(moved)).isFalse();
        });
  }

  @Test
  void of_sameKeyTwice_sameCommitmentsAndFingerprint() {
    RootKey key = TestKeys.key(16);
    ShardCommitments a = ShardCommitments.of(key, 3, 2);
    ShardCommitments b = ShardCommitments.of(TestKeys.key(16), 3, 2);
    assertThat(a).isEqualTo(b);
    assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).matches("([0-9a-f]{4}-){7}[0-9a-f]{4}");
    assertThat(ShardCommitments.of(key, 4, 2).fingerprint()).isNotEqualTo(a.fingerprint());
  }

  @Test
  void decode_ofEncode_isSameValue() {
    SplittableRandom random = new SplittableRandom(17);
    for (int t = 1; t <= 6; t++) {
      ShardCommitments c = ShardCommitments.of(TestKeys.key(random), 6, t);
      byte[] encoded = c.encode();
      assertThat(encoded).hasSize(3 + 33 * t);
      assertThat(ShardCommitments.decode(encoded)).isEqualTo(c);
    }
  }

  @Test
  void decode_damaged_isRefused() {
    byte[] encoded = ShardCommitments.of(TestKeys.key(18), 3, 2).encode();
    List<byte[]> damaged = new ArrayList<>();
    damaged.add(new byte[0]);
    damaged.add(java.util.Arrays.copyOf(encoded, encoded.length - 1));
    damaged.add(java.util.Arrays.copyOf(encoded, encoded.length + 1));
    byte[] version = encoded.clone();
    version[0] = 2;
    damaged.add(version);
    byte[] threshold = encoded.clone();
    threshold[1] = 3;
    damaged.add(threshold);
    byte[] shares = encoded.clone();
    shares[2] = 1;
    damaged.add(shares);
    byte[] prefix = encoded.clone();
    prefix[3] = 7; // not a compressed-point prefix
    damaged.add(prefix);
    for (byte[] bytes : damaged) {
      assertThatThrownBy(() -> ShardCommitments.decode(bytes))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void constructor_badCountsOrPoints_refused() {
    ShardCommitments good = ShardCommitments.of(TestKeys.key(19), 3, 2);
    List<String> points = good.points();
    assertThatThrownBy(() -> new ShardCommitments(3, 3, points))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ShardCommitments(2, 1, points))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new ShardCommitments(2, 3, List.of(points.get(0), "02" + "00".repeat(31) + "0x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new ShardCommitments(2, 3, List.of(points.get(0), points.get(1).toUpperCase())))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
