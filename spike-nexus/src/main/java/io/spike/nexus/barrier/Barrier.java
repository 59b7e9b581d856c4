package io.spike.nexus.barrier;

import io.spike.crypto.Keyring;
import io.spike.crypto.RootKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the {@link SealState}; starts sealed.
 *
 * <p>Contract: {@link #unseal} adopts a root key and keyring once (a second unseal while unsealed
 * is refused, and the caller keeps ownership of what it passed); {@link #seal} destroys both. While
 * unsealed, {@link #replaceKeyring} (data-key rotation) and {@link #replaceRootKey} (root-key
 * rotation) swap what is held and destroy what they replace. Encryption uses the keyring's newest
 * term with the given associated data; every method that needs a key throws {@link SealedException}
 * while sealed. Listeners registered with {@link #onUnseal} run after each unseal (e.g. to push
 * shards to keepers).
 *
 * <p>Several replicas: a ciphertext whose term is newer than any this keyring holds was written by
 * a replica that rotated the data keys. {@link #decrypt} then reloads the keyring from the store
 * once ({@link #reloadKeyring}) and tries again.
 *
 * <p>Why a read-write lock: cryptography runs under the read lock and every state change under the
 * write lock, so a key is never destroyed while another thread is using it. Never call a
 * state-changing method from inside {@link #withRootKey}.
 *
 * <p>Security promise: the root key never leaves this object except to the function given to {@link
 * #withRootKey}, and nothing here logs or prints key material.
 */
public final class Barrier {
  private static final Logger LOG = LoggerFactory.getLogger(Barrier.class);

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final List<Runnable> unsealListeners = new CopyOnWriteArrayList<>();
  private final Supplier<Optional<byte[]>> storedKeyring;
  private volatile SealState state = new SealState.Sealed();

  /** A barrier with no store behind it: the keyring is never reloaded. */
  public Barrier() {
    this(Optional::empty);
  }

  /**
   * A barrier that can reload the keyring.
   *
   * @param storedKeyring reads the wrapped keyring from the store (e.g. {@code () ->
   *     store.system(SystemKey.KEYRING)})
   */
  public Barrier(Supplier<Optional<byte[]>> storedKeyring) {
    this.storedKeyring = Objects.requireNonNull(storedKeyring, "storedKeyring");
  }

  public boolean isSealed() {
    return state instanceof SealState.Sealed;
  }

  /**
   * Adopts {@code rootKey} and {@code keyring}.
   *
   * @return {@code false} when already unsealed (nothing adopted; the caller destroys its key)
   */
  public boolean unseal(RootKey rootKey, Keyring keyring) {
    SealState next = new SealState.Unsealed(rootKey, keyring);
    lock.writeLock().lock();
    try {
      if (!(state instanceof SealState.Sealed)) {
        return false;
      }
      state = next;
    } finally {
      lock.writeLock().unlock();
    }
    unsealListeners.forEach(Runnable::run);
    return true;
  }

  /** Forgets and destroys the root key and keyring. Idempotent. */
  public void seal() {
    SealState previous;
    lock.writeLock().lock();
    try {
      previous = state;
      state = new SealState.Sealed();
    } finally {
      lock.writeLock().unlock();
    }
    if (previous instanceof SealState.Unsealed unsealed) {
      unsealed.keyring().destroy();
      unsealed.rootKey().destroy();
    }
  }

  /**
   * Uses {@code next} from now on and destroys the keyring held so far (after any operation still
   * using it has finished). The root key stays.
   *
   * @throws SealedException when sealed (the caller keeps ownership of {@code next})
   */
  public void replaceKeyring(Keyring next) {
    Objects.requireNonNull(next, "next");
    Keyring old;
    lock.writeLock().lock();
    try {
      SealState.Unsealed current = unsealed();
      old = current.keyring();
      state = new SealState.Unsealed(current.rootKey(), next);
    } finally {
      lock.writeLock().unlock();
    }
    if (old != next) {
      old.destroy();
    }
  }

  /**
   * Uses {@code rootKey} and {@code keyring} from now on and destroys the old root key and keyring.
   * No unseal listener runs: this is not an unseal.
   *
   * @throws SealedException when sealed (the caller keeps ownership of what it passed)
   */
  public void replaceRootKey(RootKey rootKey, Keyring keyring) {
    SealState.Unsealed next = new SealState.Unsealed(rootKey, keyring);
    SealState.Unsealed old;
    lock.writeLock().lock();
    try {
      old = unsealed();
      state = next;
    } finally {
      lock.writeLock().unlock();
    }
    if (old.keyring() != keyring) {
      old.keyring().destroy();
    }
    if (old.rootKey() != rootKey) {
      old.rootKey().destroy();
    }
  }

  /** Runs {@code listener} after every successful {@link #unseal}. */
  public void onUnseal(Runnable listener) {
    unsealListeners.add(listener);
  }

  /** Applies {@code work} to the root key; the key must not escape it. */
  public <T> T withRootKey(Function<RootKey, T> work) {
    lock.readLock().lock();
    try {
      return work.apply(unsealed().rootKey());
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The keyring's newest term. */
  public int currentTerm() {
    lock.readLock().lock();
    try {
      return unsealed().keyring().currentTerm();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Whether the keyring held now has {@code term}, answered without any lock or store read (so a
   * caller naming made-up terms cannot make Nexus reload its keyring). False while sealed.
   */
  public boolean holdsTerm(int term) {
    return state instanceof SealState.Unsealed unsealed
        && unsealed.keyring().terms().contains(term);
  }

  /**
   * The data-key term a stored ciphertext names (its 4-byte prefix, not authenticated); 0 for one
   * too short to have a prefix.
   */
  public static int termOf(byte[] ciphertext) {
    try {
      return Keyring.termOf(ciphertext);
    } catch (GeneralSecurityException e) {
      return 0;
    }
  }

  /** Every term the keyring can decrypt. */
  public Set<Integer> terms() {
    lock.readLock().lock();
    try {
      return Set.copyOf(unsealed().keyring().terms());
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Encrypts with the keyring's newest term: {@code term(4) | nonce(12) | ciphertext+tag}. */
  public byte[] encrypt(byte[] plaintext, String associatedData) {
    lock.readLock().lock();
    try {
      return unsealed().keyring().encrypt(plaintext, bytes(associatedData));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("encryption failed", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Decrypts a keyring ciphertext; throws when it fails authentication under this data. A term
   * newer than the keyring's makes it reload the keyring from the store first.
   */
  public byte[] decrypt(byte[] ciphertext, String associatedData) throws GeneralSecurityException {
    if (Keyring.termOf(ciphertext) > currentTerm()) {
      reloadKeyring();
    }
    lock.readLock().lock();
    try {
      return unsealed().keyring().decrypt(ciphertext, bytes(associatedData));
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Decrypts a stored record; a failure means tampering and is thrown as {@link
   * TamperedRecordException} naming {@code associatedData}.
   */
  public byte[] decryptRecord(byte[] ciphertext, String associatedData) {
    try {
      return decrypt(ciphertext, associatedData);
    } catch (GeneralSecurityException e) {
      throw new TamperedRecordException(associatedData);
    }
  }

  /**
   * Adopts the stored keyring when it is newer than the one held (another replica rotated the data
   * keys): it must open with this root key and hold every term held here.
   *
   * @return whether the keyring changed
   */
  public boolean reloadKeyring() {
    Optional<byte[]> wrapped = storedKeyring.get();
    if (wrapped.isEmpty()) {
      return false;
    }
    Keyring old;
    Keyring stored;
    lock.writeLock().lock();
    try {
      SealState.Unsealed current = unsealed();
      try {
        stored = Keyring.unwrap(current.rootKey(), wrapped.get());
      } catch (GeneralSecurityException e) {
        LOG.warn(
            "the stored keyring does not open with this nexus's root key; was the root key "
                + "rotated by another replica? The keeper sync will notice and re-seal");
        return false;
      }
      old = current.keyring();
      if (stored.currentTerm() <= old.currentTerm() || !stored.terms().containsAll(old.terms())) {
        stored.destroy();
        return false;
      }
      state = new SealState.Unsealed(current.rootKey(), stored);
    } finally {
      lock.writeLock().unlock();
    }
    old.destroy();
    LOG.info(
        "keyring reloaded from the store: data keys are at term {} (rotated by another replica)",
        stored.currentTerm());
    return true;
  }

  private SealState.Unsealed unsealed() {
    if (state instanceof SealState.Unsealed unsealed) {
      return unsealed;
    }
    throw new SealedException();
  }

  private static byte[] bytes(String associatedData) {
    return associatedData.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "Barrier[" + (isSealed() ? "sealed" : "unsealed") + "]";
  }
}
