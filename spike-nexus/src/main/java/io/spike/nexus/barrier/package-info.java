/**
 * The barrier: the seal state of Nexus and the only holder of the root key and the keyring.
 *
 * <p>{@link io.spike.nexus.barrier.SealState} is {@code Sealed} or {@code Unsealed(RootKey,
 * Keyring)}. Everything Nexus stores goes through {@link io.spike.nexus.barrier.Barrier}'s encrypt
 * and decrypt with associated data naming the record's place, so rows cannot be swapped. The root
 * key lives in memory only and is destroyed when Nexus seals or stops. Rotation swaps the keyring
 * or the root key in place; a ciphertext of a newer data-key term makes the barrier reload the
 * keyring from the store (another replica rotated).
 */
package io.spike.nexus.barrier;
