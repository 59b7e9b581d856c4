package io.spike.crypto;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the root key among shards that may include wrong, foreign or duplicate ones: subsets are
 * combined with {@link Shamir#combine} and tested with {@link KeyCheck#matches} until one passes.
 * Subsets are visited by size ({@link #ofSize} tries one size, {@link #smallestFirst} tries 1, 2,
 * ... up to all shards), and within a size in lexicographic order of their positions in the list,
 * so the lowest positions win. A subset holding two shards with one id is never combined.
 *
 * <p>Contract: at most {@code maxCombinations} subsets are combined; when more remain the search
 * stops with {@link GaveUp}. The result is {@link Found}, {@link NotFound} or {@link GaveUp}.
 *
 * <p>Security promise: every rebuilt key that fails the check is destroyed at once; the key in
 * {@link Found} is the caller's to destroy. The given shards are neither consumed nor destroyed.
 */
public final class ShardSearch {

  /** What a search ends with. */
  public sealed interface Outcome permits Found, NotFound, GaveUp {
    /** The match, when there is one. */
    default Optional<Found> found() {
      return this instanceof Found f ? Optional.of(f) : Optional.empty();
    }
  }

  /**
   * A rebuilt root key and the shards that rebuilt it.
   *
   * @param key the root key (the caller destroys it)
   * @param shardIds the ids of the passing subset, ascending
   * @param positions where those shards are in the searched list, ascending
   */
  public record Found(RootKey key, List<Integer> shardIds, List<Integer> positions)
      implements Outcome {
    /** Copies the lists; the key is taken as is. */
    public Found {
      Objects.requireNonNull(key, "key");
      shardIds = List.copyOf(shardIds);
      positions = List.copyOf(positions);
    }

    /**
     * The size of the passing subset; for {@link #smallestFirst} the smallest number of these
     * shards that rebuilds the key, the Shamir threshold.
     */
    public int threshold() {
      return shardIds.size();
    }
  }

  /** Every subset within the bounds was tried and none passed. */
  public record NotFound() implements Outcome {}

  /**
   * The combination bound was reached with subsets left untried.
   *
   * @param searchedSize the largest subset size whose subsets were all tried (0 when none)
   */
  public record GaveUp(int searchedSize) implements Outcome {}

  private ShardSearch() {}

  /**
   * Tries the subsets of exactly {@code size} shards.
   *
   * @throws IllegalArgumentException when {@code size} is below 1 or {@code maxCombinations} below
   *     1
   */
  public static Outcome ofSize(
      List<Shard> shards, int size, byte[] keyCheck, long maxCombinations) {
    if (size < 1) {
      throw new IllegalArgumentException("subset size must be at least 1");
    }
    return search(shards, size, size, keyCheck, maxCombinations);
  }

  /**
   * Tries subsets of 1, 2, ... up to all shards; the first that passes is the smallest, so its size
   * is the threshold the shards were made with (fewer shards than the threshold never rebuild the
   * key).
   *
   * @throws IllegalArgumentException when {@code maxCombinations} is below 1
   */
  public static Outcome smallestFirst(List<Shard> shards, byte[] keyCheck, long maxCombinations) {
    return search(shards, 1, shards.size(), keyCheck, maxCombinations);
  }

  private static Outcome search(
      List<Shard> shards, int fromSize, int toSize, byte[] keyCheck, long maxCombinations) {
    Objects.requireNonNull(keyCheck, "keyCheck");
    if (maxCombinations < 1) {
      throw new IllegalArgumentException("the combination bound must be at least 1");
    }
    List<Shard> all = List.copyOf(shards);
    long tried = 0;
    for (int size = fromSize; size <= Math.min(toSize, all.size()); size++) {
      int[] pick = firstCombination(size);
      do {
        if (++tried > maxCombinations) {
          return new GaveUp(size - 1);
        }
        Optional<Found> found = attempt(all, pick, keyCheck);
        if (found.isPresent()) {
          return found.get();
        }
      } while (nextCombination(pick, all.size()));
    }
    return new NotFound();
  }

  private static Optional<Found> attempt(List<Shard> shards, int[] pick, byte[] keyCheck) {
    List<Shard> subset = new ArrayList<>(pick.length);
    Set<Integer> ids = new HashSet<>();
    for (int i : pick) {
      if (!ids.add(shards.get(i).id())) {
        return Optional.empty();
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

  /** Advances ascending indices below {@code n} to the next combination; false after the last. */
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
