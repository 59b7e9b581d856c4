package io.spike.pilot.snapshot;

import io.spike.crypto.KeyCheck;
import io.spike.crypto.RootKey;
import io.spike.crypto.Shamir;
import io.spike.crypto.Shard;
import io.spike.pilot.cli.CliFailure;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Rebuilds a root key from recovery shards without knowing the threshold: a snapshot's header holds
 * the key check but not the Shamir parameters. Subsets are tried smallest first (all of size 1,
 * then 2, ...), each combined and tested against the key check; the first that passes gives the
 * key, and its size is the threshold (fewer shards than the threshold never rebuild the key; a
 * subset with a wrong shard fails the check and is passed over). With at most 10 shards that is at
 * most 1,023 combinations, milliseconds each.
 *
 * <p>Security: every rebuilt key that fails the check is destroyed at once; the one returned is the
 * caller's to destroy. The shards are not consumed.
 */
public final class KeyFinder {
  /**
   * Bound on the combinations tried, so a directory of many unrelated shards cannot hang the CLI.
   */
  static final long MAX_COMBINATIONS = 100_000;

  /**
   * A rebuilt root key and the shards that rebuilt it.
   *
   * @param key the root key (caller destroys)
   * @param shardIds the ids of the passing subset, ascending; their count is the threshold
   * @param positions where those shards are in the list given to {@link #find}, ascending
   */
  public record Found(RootKey key, List<Integer> shardIds, List<Integer> positions) {
    public Found {
      shardIds = List.copyOf(shardIds);
      positions = List.copyOf(positions);
    }

    /** The smallest number of these shards that rebuilds the key: the system's Shamir threshold. */
    public int threshold() {
      return shardIds.size();
    }
  }

  private KeyFinder() {}

  /**
   * The root key that {@code keyCheck} accepts, rebuilt from the smallest subset of {@code shards}
   * that passes; empty when none does.
   *
   * @throws CliFailure when the search would exceed {@value #MAX_COMBINATIONS} combinations
   */
  public static Optional<Found> find(List<Shard> shards, byte[] keyCheck) {
    int n = shards.size();
    long tried = 0;
    for (int size = 1; size <= n; size++) {
      int[] pick = firstCombination(size);
      do {
        if (++tried > MAX_COMBINATIONS) {
          throw new CliFailure(
              "too many recovery shards to search ("
                  + n
                  + " files, no passing set of up to "
                  + (size - 1)
                  + "); put only this system's shards in the directory");
        }
        Optional<Found> found = attempt(shards, pick, keyCheck);
        if (found.isPresent()) {
          return found;
        }
      } while (nextCombination(pick, n));
    }
    return Optional.empty();
  }

  private static Optional<Found> attempt(List<Shard> shards, int[] pick, byte[] keyCheck) {
    List<Shard> subset = new ArrayList<>(pick.length);
    Set<Integer> ids = new HashSet<>();
    for (int i : pick) {
      if (!ids.add(shards.get(i).id())) {
        return Optional.empty(); // two different shards claiming one id: never in one set
      }
      subset.add(shards.get(i));
    }
    RootKey key;
    try {
      key = Shamir.combine(subset);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
    if (KeyCheck.matches(key, keyCheck)) {
      return Optional.of(
          new Found(
              key,
              subset.stream().map(Shard::id).sorted().toList(),
              Arrays.stream(pick).boxed().toList()));
    }
    key.destroy();
    return Optional.empty();
  }

  private static int[] firstCombination(int size) {
    int[] pick = new int[size];
    for (int i = 0; i < size; i++) {
      pick[i] = i;
    }
    return pick;
  }

  /**
   * Advances {@code pick} (ascending indices below {@code n}) to the next combination; false after
   * the last.
   */
  private static boolean nextCombination(int[] pick, int n) {
    int k = pick.length;
    int i = k - 1;
    while (i >= 0 && pick[i] == n - k + i) {
      i--;
    }
    if (i < 0) {
      return false;
    }
    pick[i]++;
    for (int j = i + 1; j < k; j++) {
      pick[j] = pick[j - 1] + 1;
    }
    return true;
  }
}
