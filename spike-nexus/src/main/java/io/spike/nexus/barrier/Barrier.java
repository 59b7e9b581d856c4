package io.spike.nexus.barrier;

import io.spike.crypto.Keyring;
import io.spike.crypto.RootKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Holds the {@link SealState}; starts sealed.
 *
 * <p>Contract: {@link #unseal} adopts a root key and keyring once (a second unseal while unsealed
 * is refused, and the caller keeps ownership of what it passed); {@link #seal} destroys both.
 * Encryption uses the keyring's newest term with the given associated data; every method that
 * needs a key throws {@link SealedException} while sealed. Listeners registered with
 * {@link #onUnseal} run after each unseal (e.g. to push shards to keepers).
 *
 * <p>Security promise: the root key never leaves this object except to the function given to
 * {@link #withRootKey}, and nothing here logs or prints key material.
 */
public final class Barrier {
  private final AtomicReference<SealState> state = new AtomicReference<>(new SealState.Sealed());
  private final List<Runnable> unsealListeners = new CopyOnWriteArrayList<>();

  public boolean isSealed() {
    return state.get() instanceof SealState.Sealed;
  }

  /**
   * Adopts {@code rootKey} and {@code keyring}.
   *
   * @return {@code false} when already unsealed (nothing adopted; the caller destroys its key)
   */
  public boolean unseal(RootKey rootKey, Keyring keyring) {
    SealState next = new SealState.Unsealed(rootKey, keyring);
    SealState previous = state.get();
    if (!(previous instanceof SealState.Sealed) || !state.compareAndSet(previous, next)) {
      return false;
    }
    unsealListeners.forEach(Runnable::run);
    return true;
  }

  /** Forgets and destroys the root key and keyring. Idempotent. */
  public void seal() {
    SealState previous = state.getAndSet(new SealState.Sealed());
    if (previous instanceof SealState.Unsealed unsealed) {
      unsealed.keyring().destroy();
      unsealed.rootKey().destroy();
    }
  }

  /** Runs {@code listener} after every successful {@link #unseal}. */
  public void onUnseal(Runnable listener) {
    unsealListeners.add(listener);
  }

  /** Applies {@code work} to the root key; the key must not escape it. */
  public <T> T withRootKey(Function<RootKey, T> work) {
    return work.apply(unsealed().rootKey());
  }

  /** The keyring's newest term. */
  public int currentTerm() {
    return unsealed().keyring().currentTerm();
  }

  /** Encrypts with the keyring's newest term: {@code term(4) | nonce(12) | ciphertext+tag}. */
  public byte[] encrypt(byte[] plaintext, String associatedData) {
    try {
      return unsealed().keyring().encrypt(plaintext, bytes(associatedData));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("encryption failed", e);
    }
  }

  /** Decrypts a keyring ciphertext; throws when it fails authentication under this data. */
  public byte[] decrypt(byte[] ciphertext, String associatedData) throws GeneralSecurityException {
    return unsealed().keyring().decrypt(ciphertext, bytes(associatedData));
  }

  /**
   * Decrypts a stored record; a failure means tampering and is thrown as
   * {@link TamperedRecordException} naming {@code associatedData}.
   */
  public byte[] decryptRecord(byte[] ciphertext, String associatedData) {
    try {
      return decrypt(ciphertext, associatedData);
    } catch (GeneralSecurityException e) {
      throw new TamperedRecordException(associatedData);
    }
  }

  private SealState.Unsealed unsealed() {
    if (state.get() instanceof SealState.Unsealed unsealed) {
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
