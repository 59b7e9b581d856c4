package io.spike.nexus.operator;

import io.spike.crypto.KeyCheck;
import io.spike.crypto.Keyring;
import io.spike.crypto.RootKey;
import io.spike.crypto.Shamir;
import io.spike.crypto.Shard;
import io.spike.crypto.ShardCommitments;
import io.spike.nexus.recovery.KeeperSync;
import io.spike.nexus.refusal.Refusal;
import io.spike.store.SpikeStore;
import io.spike.store.SystemKey;
import java.security.GeneralSecurityException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online key rotation (DESIGN §5).
 *
 * <p><b>Data keys</b> ({@link #rotateKeys}): the stored keyring (re-read, so terms another replica
 * added are kept) gains a new term, is wrapped under the root key and stored; the barrier swaps to
 * it. Old terms stay, so old secrets still read; new writes use the new term.
 *
 * <p><b>Root key</b> ({@link #rotateRoot}): a new root key, split into new shards that are pushed
 * to <em>every</em> keeper first; only then the store is switched in one transaction ({@link
 * SpikeStore#updateSystem}): the keyring, with a new data-key term, wrapped under the new key (so
 * nothing written afterwards opens with the old root key and an old wrapped keyring; {@code spike
 * operator reencrypt} moves older records to the new term), a new key check, and the escrow removed
 * (it wraps the old key; enable it again). Then the barrier swaps to the new key and the old one is
 * destroyed. Why keepers first: a crash before the store write leaves the store on the old key, for
 * which the operator's recovery shards still work (restore, then the keepers are refilled with the
 * old key's shards); writing the store first would leave a window where the store is on a key that
 * neither the keepers nor the operator's shards give, with no way back. If a keeper does not take
 * its new shard, the keepers that did get their old shard back, nothing else changes, and the call
 * is 503. The whole rotation runs with KeeperSync's periodic push held off ({@link
 * KeeperSync#exclusively}), so old shards are not pushed between the keepers and the store.
 *
 * <p>Both rotations, and escrow, run under one key-change lock. Several replicas: run rotations on
 * one replica; the others notice at their next keeper push (root) or first unknown term (keys).
 */
public final class KeyRotation {
  private static final Logger LOG = LoggerFactory.getLogger(KeyRotation.class);

  private final KeeperSync keepers;
  private final int shares;
  private final int threshold;
  private final KeyChanges keyChanges;

  public KeyRotation(KeyChanges keyChanges, KeeperSync keepers, int shares, int threshold) {
    this.keyChanges = keyChanges;
    this.keepers = keepers;
    this.shares = shares;
    this.threshold = threshold;
  }

  /** Adds a data-key term; returns it. */
  public int rotateKeys() {
    keyChanges.lock().lock();
    try {
      Keyring stored = storedKeyring();
      Keyring next;
      try {
        next = stored.rotate(keyChanges.random());
      } finally {
        stored.destroy();
      }
      try {
        byte[] wrapped = keyChanges.barrier().withRootKey(key -> wrap(next, key));
        keyChanges.store().putSystem(Map.of(SystemKey.KEYRING, wrapped));
        keyChanges.barrier().replaceKeyring(next);
      } catch (RuntimeException e) {
        next.destroy();
        throw e;
      }
      LOG.info("data keys rotated to term {}", next.currentTerm());
      return next.currentTerm();
    } finally {
      keyChanges.lock().unlock();
    }
  }

  /**
   * Replaces the root key.
   *
   * @throws Refusal 503 when a keeper does not take its new shard (nothing changed)
   */
  public void rotateRoot() {
    keyChanges.lock().lock();
    try {
      keepers.exclusively(
          () -> {
            rotateRootWhilePushesWait();
            return null;
          });
    } finally {
      keyChanges.lock().unlock();
    }
  }

  private void rotateRootWhilePushesWait() {
    List<Shard> old = keyChanges.barrier().withRootKey(key -> Shamir.split(key, shares, threshold));
    Keyring keyring;
    try {
      // A new data-key term with the new root key: whatever is written after the rotation cannot
      // be read with the old root key and a copy of the old wrapped keyring (a stolen backup).
      Keyring stored = storedKeyring();
      try {
        keyring = stored.rotate(keyChanges.random());
      } finally {
        stored.destroy();
      }
    } catch (RuntimeException e) {
      old.forEach(Shard::destroy);
      throw e;
    }
    RootKey next = RootKey.generate(keyChanges.random());
    List<Shard> fresh = Shamir.split(next, shares, threshold);
    boolean adopted = false;
    try {
      Map<SystemKey, byte[]> puts = new EnumMap<>(SystemKey.class);
      puts.put(SystemKey.KEYRING, wrap(keyring, next));
      puts.put(SystemKey.KEY_CHECK, keyCheck(next));
      puts.put(SystemKey.SHARD_COMMITMENTS, ShardCommitments.of(next, shares, threshold).encode());
      Set<Integer> all = keepers.keeperIds();
      Set<Integer> took = keepers.pushEach(fresh, all);
      if (!took.equals(all)) {
        putBack(old, took);
        Set<Integer> missing = new TreeSet<>(all);
        missing.removeAll(took);
        throw Refusal.unavailable(
            "all keepers must be reachable to rotate the root key; keeper(s) "
                + missing
                + " did not take the new shard; nothing changed");
      }
      try {
        keyChanges.store().updateSystem(puts, Set.of(SystemKey.ESCROW));
      } catch (RuntimeException e) {
        putBack(old, took);
        throw e;
      }
      keyChanges.barrier().replaceRootKey(next, keyring);
      adopted = true;
      LOG.warn(
          "root key rotated; earlier recovery shards are void (run spike operator recover again; "
              + "password escrow, if any, was removed)");
    } finally {
      fresh.forEach(Shard::destroy);
      old.forEach(Shard::destroy);
      if (!adopted) {
        keyring.destroy();
        next.destroy();
      }
    }
  }

  private void putBack(List<Shard> old, Set<Integer> ids) {
    Set<Integer> back = keepers.pushEach(old, ids);
    for (int id : ids) {
      if (!back.contains(id)) {
        LOG.warn(
            "keeper {} still holds a shard of the discarded root key; the next push refills it",
            id);
      }
    }
  }

  /** The stored keyring under the current root key; it must hold every term in use here. */
  private Keyring storedKeyring() {
    Keyring stored = StoredKeyring.open(keyChanges.store(), keyChanges.barrier());
    if (!stored.terms().containsAll(keyChanges.barrier().terms())) {
      stored.destroy();
      throw Refusal.conflict(
          "the stored keyring lacks data-key terms this nexus uses; refusing to rotate");
    }
    return stored;
  }

  private static byte[] wrap(Keyring keyring, RootKey key) {
    try {
      return keyring.wrap(key);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot wrap the keyring", e);
    }
  }

  private static byte[] keyCheck(RootKey key) {
    try {
      return KeyCheck.create(key);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create the key check", e);
    }
  }
}
