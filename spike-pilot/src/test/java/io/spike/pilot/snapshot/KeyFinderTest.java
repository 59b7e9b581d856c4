package io.spike.pilot.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.crypto.KeyCheck;
import io.spike.crypto.RootKey;
import io.spike.crypto.Shamir;
import io.spike.crypto.Shard;
import io.spike.pilot.cli.CliFailure;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyFinderTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void find_discoversEachThreshold_fromAllShares() throws Exception {
    for (int t = 1; t <= 4; t++) {
      RootKey key = RootKey.generate(random);
      List<Shard> shards = Shamir.split(key, 5, t);

      Optional<KeyFinder.Found> found = KeyFinder.find(shards, KeyCheck.create(key));

      assertThat(found).as("threshold " + t).isPresent();
      assertThat(found.get().threshold()).isEqualTo(t);
      assertThat(found.get().key()).isEqualTo(key);
      assertThat(found.get().shardIds()).hasSize(t);
      found.get().key().destroy();
    }
  }

  @Test
  void find_passesOverAWrongShard_andSaysWhichOnesWorked() throws Exception {
    RootKey key = RootKey.generate(random);
    List<Shard> shards = new ArrayList<>(Shamir.split(key, 3, 2));
    Shard foreign = Shamir.split(RootKey.generate(random), 3, 2).get(0); // id 1, another key
    shards.set(0, foreign);

    KeyFinder.Found found = KeyFinder.find(shards, KeyCheck.create(key)).orElseThrow();

    assertThat(found.shardIds()).containsExactly(2, 3);
    assertThat(found.positions()).containsExactly(1, 2);
    assertThat(found.key()).isEqualTo(key);
  }

  @Test
  void find_isEmpty_forTooFewOrForeignShards() throws Exception {
    RootKey key = RootKey.generate(random);
    byte[] check = KeyCheck.create(key);

    assertThat(KeyFinder.find(Shamir.split(key, 3, 2).subList(0, 1), check)).isEmpty();
    assertThat(KeyFinder.find(Shamir.split(RootKey.generate(random), 3, 2), check)).isEmpty();
    assertThat(KeyFinder.find(List.of(), check)).isEmpty();
  }

  @Test
  void find_neverCombinesTwoShardsClaimingOneId() throws Exception {
    RootKey key = RootKey.generate(random);
    List<Shard> good = Shamir.split(key, 3, 2);
    Shard otherOne = Shamir.split(RootKey.generate(random), 3, 2).get(0);

    KeyFinder.Found found =
        KeyFinder.find(List.of(otherOne, good.get(0), good.get(2)), KeyCheck.create(key))
            .orElseThrow();

    assertThat(found.shardIds()).containsExactly(1, 3);
    assertThat(found.positions()).containsExactly(1, 2);
  }

  @Test
  void find_refusesASearchTooLarge() throws Exception {
    RootKey other = RootKey.generate(random);
    List<Shard> many = Shamir.split(RootKey.generate(random), 40, 30);

    assertThatThrownBy(() -> KeyFinder.find(many, KeyCheck.create(other)))
        .isInstanceOf(CliFailure.class)
        .hasMessageContaining("too many recovery shards to search (40 files");
  }
}
