package io.spike.nexus.operator;

import io.spike.crypto.Keyring;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.refusal.Refusal;
import io.spike.store.SpikeStore;
import io.spike.store.SystemKey;
import java.security.GeneralSecurityException;

/** The keyring as the store holds it, for the key changes that rewrite it. */
final class StoredKeyring {
  private StoredKeyring() {}

  /**
   * The stored keyring, unwrapped with this Nexus's root key; the caller destroys it.
   *
   * @throws Refusal conflict when the store holds none, or it does not open with this root key
   *     (another replica rotated it and this one has not re-synced yet)
   */
  static Keyring open(SpikeStore store, Barrier barrier) {
    byte[] wrapped =
        store
            .system(SystemKey.KEYRING)
            .orElseThrow(() -> Refusal.conflict("the store holds no keyring"));
    return barrier.withRootKey(
        key -> {
          try {
            return Keyring.unwrap(key, wrapped);
          } catch (GeneralSecurityException e) {
            throw Refusal.conflict(
                "the stored keyring does not open with this nexus's root key "
                    + "(rotated by another replica?); retry once this nexus has re-synced");
          }
        });
  }
}
