package io.spike.nexus.operator;

import io.spike.nexus.barrier.Barrier;
import io.spike.store.SpikeStore;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.locks.Lock;

/**
 * What every change of the key material works on, shared by {@link Escrow}, {@link KeyRotation} and
 * {@link Reencryption}: the store, the barrier over it, the one lock all key changes run under (so
 * an escrow is never written for a root key a rotation is replacing, and a re-encryption pass never
 * adopts a keyring a rotation is rewriting) and the random source for new keys and salts.
 *
 * @param store where the keyring, key check and escrow are kept
 * @param barrier the root key and keyring in memory
 * @param lock held for the whole of each key change
 * @param random the source for new keys, terms and salts
 */
public record KeyChanges(SpikeStore store, Barrier barrier, Lock lock, SecureRandom random) {
  /** Checks that every part is given. */
  public KeyChanges {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(barrier, "barrier");
    Objects.requireNonNull(lock, "lock");
    Objects.requireNonNull(random, "random");
  }
}
