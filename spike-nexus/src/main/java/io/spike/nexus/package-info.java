/**
 * Nexus, the secrets server: {@link io.spike.nexus.NexusMain} reads {@link
 * io.spike.nexus.NexusConfig} from the environment and {@link io.spike.nexus.NexusServer} wires
 * everything together (the one wiring point): barrier, secrets, policies, routes, the mTLS API, the
 * operations port, and the keeper sync that unseals Nexus from its keepers, and the operator routes
 * (recover, restore, escrow, unseal, rotate). With SQLite, {@code NexusMain} holds the data
 * directory's {@code io.spike.store.StoreLock} for the life of the process.
 */
package io.spike.nexus;
