package io.spike.nexus.recovery;

import io.spike.crypto.Keyring;
import io.spike.crypto.RootKey;
import java.util.Set;

/** What {@link KeyRecovery} made of a set of shards. */
sealed interface Recovery {

  /**
   * The root key passed the key check (or was adopted on first boot) and unwrapped the keyring.
   * {@code wrongShards} are the ids whose shard differs from the one the key implies.
   */
  record Recovered(RootKey rootKey, Keyring keyring, Set<Integer> wrongShards, boolean firstBoot)
      implements Recovery {
    public Recovered {
      wrongShards = Set.copyOf(wrongShards);
    }
  }

  /** No combination of the shards gives the root key; {@code reason} says why, without secrets. */
  record NoKey(String reason) implements Recovery {}
}
