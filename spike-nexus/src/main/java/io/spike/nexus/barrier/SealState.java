package io.spike.nexus.barrier;

import io.spike.crypto.Keyring;
import io.spike.crypto.RootKey;
import java.util.Objects;

/** Whether Nexus holds its root key. Prints without key material. */
public sealed interface SealState {

  /** No root key: data routes answer 503. */
  record Sealed() implements SealState {}

  /** The root key and the keyring it unwrapped; both destroyed when Nexus seals again. */
  record Unsealed(RootKey rootKey, Keyring keyring) implements SealState {
    public Unsealed {
      Objects.requireNonNull(rootKey, "rootKey");
      Objects.requireNonNull(keyring, "keyring");
    }
  }
}
