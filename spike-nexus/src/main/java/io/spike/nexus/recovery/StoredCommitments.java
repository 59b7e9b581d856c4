package io.spike.nexus.recovery;

import io.spike.crypto.RootKey;
import io.spike.crypto.Shard;
import io.spike.crypto.ShardCommitments;
import io.spike.store.SpikeStore;
import io.spike.store.SystemKey;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SystemKey#SHARD_COMMITMENTS} record: the public Feldman commitments of the current
 * root key's recovery shards ({@link ShardCommitments}).
 *
 * <p>Contract: {@link #forKey} is what bootstrap and root rotation write in the same store write as
 * the key check and keyring; {@link #ensure} (run after every unseal) writes them when the store
 * has none yet (a store made before commitments existed) or holds ones for another share count or
 * threshold. {@link #load} reads them; a record that does not decode counts as absent (and is
 * logged), so checks fall back to the key check rather than refusing every shard.
 *
 * <p>Security promise: the commitments are public; nothing here handles a shard value except {@link
 * ShardCommitments#verify}, which never logs it.
 */
public final class StoredCommitments {
  private static final Logger LOG = LoggerFactory.getLogger(StoredCommitments.class);

  private final SpikeStore store;
  private final int shares;
  private final int threshold;

  public StoredCommitments(SpikeStore store, int shares, int threshold) {
    this.store = Objects.requireNonNull(store, "store");
    this.shares = shares;
    this.threshold = threshold;
  }

  /** The commitments of {@code key}'s shards under this share count and threshold. */
  public ShardCommitments forKey(RootKey key) {
    return ShardCommitments.of(key, shares, threshold);
  }

  /** The record to store beside a new key check: {@code SHARD_COMMITMENTS -> encoding}. */
  public Map<SystemKey, byte[]> record(RootKey key) {
    return Map.of(SystemKey.SHARD_COMMITMENTS, forKey(key).encode());
  }

  /** The stored commitments, when there are any that decode. */
  public Optional<ShardCommitments> load() {
    return read(store);
  }

  /** The commitments {@code store} holds, when there are any that decode. */
  public static Optional<ShardCommitments> read(SpikeStore store) {
    Optional<byte[]> stored = store.system(SystemKey.SHARD_COMMITMENTS);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ShardCommitments.decode(stored.get()));
    } catch (IllegalArgumentException e) {
      LOG.warn("the stored shard commitments do not decode ({}); ignoring them", e.getMessage());
      return Optional.empty();
    }
  }

  /** Whether {@code shard} is valid against the stored commitments: empty when there are none. */
  public Optional<Boolean> check(Shard shard) {
    return load().map(c -> c.verify(shard));
  }

  /**
   * Writes the commitments of {@code key} unless the store already holds exactly those.
   *
   * @return whether it wrote them
   */
  public boolean ensure(RootKey key) {
    ShardCommitments expected = forKey(key);
    if (load().filter(expected::equals).isPresent()) {
      return false;
    }
    store.putSystem(Map.of(SystemKey.SHARD_COMMITMENTS, expected.encode()));
    LOG.info(
        "shard commitments stored: needs {} of {} shards (commitments {})",
        threshold,
        shares,
        expected.fingerprint());
    return true;
  }
}
