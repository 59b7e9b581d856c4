package io.spike.pilot.dev;

import io.spike.api.wire.StatusResponse;

/**
 * What {@code dev up} does once Nexus answers its status. The test is Nexus's own {@code
 * initialized} flag (a key check in the store), never files in D: a data directory whose store was
 * wiped by {@code spike operator reset} still has its {@code spike.db}, and must bootstrap a new
 * system like a fresh one.
 */
enum DevUpStep {
  /** The store has no root key: run bootstrap (first run, or after a reset). */
  BOOTSTRAP,
  /** The store has a root key and keepers may hold shards: wait for Nexus to unseal from them. */
  AWAIT_UNSEAL,
  /**
   * The store has a root key but every keeper was just started empty: only recovery shards can
   * unseal it.
   */
  NEEDS_RESTORE;

  /**
   * @param status Nexus's first status answer
   * @param allKeepersNew whether this {@code dev up} started every keeper (so none holds a shard)
   */
  static DevUpStep of(StatusResponse status, boolean allKeepersNew) {
    if (!status.initialized()) {
      return BOOTSTRAP;
    }
    return status.sealed() && allKeepersNew ? NEEDS_RESTORE : AWAIT_UNSEAL;
  }
}
