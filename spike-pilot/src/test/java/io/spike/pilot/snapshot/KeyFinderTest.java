package io.spike.pilot.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.crypto.KeyCheck;
import io.spike.crypto.RootKey;
import io.spike.crypto.Shamir;
import io.spike.crypto.Shard;
import io.spike.crypto.ShardSearch;
import io.spike.pilot.cli.CliFailure;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The search itself is tested in spike-crypto's ShardSearchTest; here only what KeyFinder adds. */
class KeyFinderTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void find_discoversEachThreshold_fromAllShares() throws Exception {
    for (int t = 1; t <= 4; t++) {
      RootKey key = RootKey.generate(random);
      List<Shard> shards = Shamir.split(key, 5, t);

      Optional<ShardSearch.Found> found = KeyFinder.find(shards, KeyCheck.create(key));

      assertThat(found).as("threshold " + t).isPresent();
      assertThat(found.get().threshold()).isEqualTo(t);
      assertThat(found.get().key()).isEqualTo(key);
      assertThat(found.get().shardIds()).hasSize(t);
      found.get().key().destroy();
    }
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
