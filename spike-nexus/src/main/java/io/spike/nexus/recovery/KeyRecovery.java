package io.spike.nexus.recovery;

import io.spike.crypto.KeyCheck;
import io.spike.crypto.Keyring;
import io.spike.crypto.RootKey;
import io.spike.crypto.Shamir;
import io.spike.crypto.Shard;
import io.spike.crypto.ShardCommitments;
import io.spike.crypto.ShardSearch;
import io.spike.store.SpikeStore;
import io.spike.store.SystemKey;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Turns shards into the root key and keyring, checking before adopting.
 *
 * <p>With a key check in the store: {@link ShardSearch#ofSize} tries combinations of {@code
 * threshold} shards (lowest ids first, at most {@value #MAX_COMBINATIONS}) until one reconstructs a
 * key that passes {@link KeyCheck#matches}; then recomputes the expected shards ({@link
 * Shamir#split} is deterministic) and reports every collected shard that differs. On first boot (no
 * key check): adopts the key of the lowest-id {@code threshold} shards, creates the key check, a
 * new keyring and the shard commitments, and writes them with {@link SpikeStore#initialize}; if
 * another replica won that race, falls back to checking against the winner's key check. With
 * exactly {@code threshold} shards a wrong one cannot be detected on first boot: bootstrap's verify
 * step catches that. {@link #restore} (operator restore) never adopts: without a key check there is
 * nothing to restore.
 *
 * <p>Does not destroy the caller's shards; destroys every key it does not return.
 */
final class KeyRecovery {
  static final int MAX_COMBINATIONS = 10_000;

  private final SpikeStore store;
  private final int shares;
  private final int threshold;
  private final SecureRandom random;

  KeyRecovery(SpikeStore store, int shares, int threshold, SecureRandom random) {
    this.store = store;
    this.shares = shares;
    this.threshold = threshold;
    this.random = random;
  }

  /** {@code shards} by id; needs at least {@code threshold} of them. */
  Recovery recover(Map<Integer, Shard> shards) {
    return againstKeyCheck(
        shards,
        byId -> {
          Optional<Recovery> adopted = firstBoot(byId);
          if (adopted.isPresent()) {
            return adopted.get();
          }
          return store
              .system(SystemKey.KEY_CHECK)
              .map(check -> checked(byId, check))
              .orElseGet(
                  () -> new Recovery.NoKey("the store lost its key check during first boot"));
        });
  }

  /**
   * Like {@link #recover} but only against an existing key check: an operator's shards are never
   * adopted as a new root key.
   */
  Recovery restore(Map<Integer, Shard> shards) {
    return againstKeyCheck(shards, byId -> new Recovery.NoKey("the store has no key check"));
  }

  /**
   * {@code shards} (at least {@code threshold} of them) checked against the store's key check;
   * {@code withoutKeyCheck} decides when the store has none.
   */
  private Recovery againstKeyCheck(
      Map<Integer, Shard> shards, Function<TreeMap<Integer, Shard>, Recovery> withoutKeyCheck) {
    TreeMap<Integer, Shard> byId = new TreeMap<>(shards);
    if (byId.size() < threshold) {
      return new Recovery.NoKey("only " + byId.size() + " of " + threshold + " shards");
    }
    Optional<byte[]> check = store.system(SystemKey.KEY_CHECK);
    if (check.isEmpty()) {
      return withoutKeyCheck.apply(byId);
    }
    return checked(byId, check.get());
  }

  private Optional<Recovery> firstBoot(TreeMap<Integer, Shard> byId) {
    RootKey key = combine(new ArrayList<>(byId.values()).subList(0, threshold));
    if (key == null) {
      return Optional.of(new Recovery.NoKey("the first shards combine to an invalid key"));
    }
    Keyring keyring = Keyring.create(random);
    try {
      if (store.initialize(
          Map.of(
              SystemKey.KEY_CHECK,
              KeyCheck.create(key),
              SystemKey.KEYRING,
              keyring.wrap(key),
              SystemKey.SHARD_COMMITMENTS,
              ShardCommitments.of(key, shares, threshold).encode()))) {
        return Optional.of(new Recovery.Recovered(key, keyring, wrongShards(key, byId), true));
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create the key check or wrap the keyring", e);
    }
    keyring.destroy();
    key.destroy();
    return Optional.empty();
  }

  private Recovery checked(TreeMap<Integer, Shard> byId, byte[] check) {
    Optional<ShardSearch.Found> found =
        ShardSearch.ofSize(new ArrayList<>(byId.values()), threshold, check, MAX_COMBINATIONS)
            .found();
    if (found.isPresent()) {
      return unwrap(found.get().key(), byId);
    }
    return new Recovery.NoKey(
        "no " + threshold + " of shards " + byId.keySet() + " pass the key check");
  }

  private Recovery unwrap(RootKey key, TreeMap<Integer, Shard> byId) {
    Optional<byte[]> wrapped = store.system(SystemKey.KEYRING);
    if (wrapped.isEmpty()) {
      key.destroy();
      return new Recovery.NoKey("the store has a key check but no keyring");
    }
    try {
      return new Recovery.Recovered(
          key, Keyring.unwrap(key, wrapped.get()), wrongShards(key, byId), false);
    } catch (GeneralSecurityException e) {
      key.destroy();
      return new Recovery.NoKey("the stored keyring does not open with the checked root key");
    }
  }

  private Set<Integer> wrongShards(RootKey key, TreeMap<Integer, Shard> byId) {
    List<Shard> expected = Shamir.split(key, shares, threshold);
    try {
      Set<Integer> wrong = new TreeSet<>();
      byId.forEach(
          (id, shard) -> {
            if (id > expected.size() || !expected.get(id - 1).equals(shard)) {
              wrong.add(id);
            }
          });
      return wrong;
    } finally {
      expected.forEach(Shard::destroy);
    }
  }

  private static RootKey combine(List<Shard> shards) {
    try {
      return Shamir.combine(shards);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return null;
    }
  }
}
