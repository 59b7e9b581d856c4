package io.spike.pilot.snapshot;

import io.spike.crypto.Shard;
import io.spike.crypto.ShardSearch;
import io.spike.pilot.cli.CliFailure;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Rebuilds a root key from recovery shards without knowing the threshold: a snapshot's header holds
 * the key check but not the Shamir parameters. {@link ShardSearch#smallestFirst} tries subsets
 * smallest first; the first that passes gives the key, and its size is the threshold. With at most
 * 10 shards that is at most 1,023 combinations, milliseconds each; more than {@value
 * #MAX_COMBINATIONS} is refused as a {@link CliFailure}.
 *
 * <p>Security: as {@link ShardSearch}: the key found is the caller's to destroy; the shards are not
 * consumed.
 */
public final class KeyFinder {
  /**
   * Bound on the combinations tried, so a directory of many unrelated shards cannot hang the CLI.
   */
  static final long MAX_COMBINATIONS = 100_000;

  private KeyFinder() {}

  /**
   * The root key that {@code keyCheck} accepts, rebuilt from the smallest subset of {@code shards}
   * that passes; empty when none does.
   *
   * @throws CliFailure when the search would exceed {@value #MAX_COMBINATIONS} combinations
   */
  public static Optional<ShardSearch.Found> find(List<Shard> shards, byte[] keyCheck) {
    ShardSearch.Outcome outcome = ShardSearch.smallestFirst(shards, keyCheck, MAX_COMBINATIONS);
    if (outcome instanceof ShardSearch.GaveUp gaveUp) {
      throw new CliFailure(
          "too many recovery shards to search ("
              + shards.size()
              + " files, no passing set of up to "
              + gaveUp.searchedSize()
              + "); put only this system's shards in the directory");
    }
    return outcome.found();
  }

  /**
   * The {@code bytes}-byte key derived with {@code label} from the root key {@code shards} rebuild
   * (the root key is destroyed at once; the caller wipes what is returned).
   *
   * @throws CliFailure {@code none}'s when no set of the shards rebuilds it
   */
  static byte[] deriveKey(
      List<Shard> shards, byte[] keyCheck, String label, int bytes, Supplier<CliFailure> none) {
    ShardSearch.Found found = find(shards, keyCheck).orElseThrow(none);
    try {
      return found.key().deriveKey(label, bytes);
    } finally {
      found.key().destroy();
    }
  }
}
