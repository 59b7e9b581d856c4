package io.spike.store;

import java.util.Optional;

/**
 * The singleton records Nexus keeps beside secrets and policies.
 *
 * <p>Each key has a stable {@link #id()} under which it is stored; renaming a constant never
 * changes the schema.
 */
public enum SystemKey {
  /** The data-key keyring, wrapped by the root key. */
  KEYRING("keyring"),
  /** AEAD of a fixed label under the root key: tells a right root key from a wrong one. */
  KEY_CHECK("key-check"),
  /** The root key wrapped under an Argon2id-derived password key (optional). */
  ESCROW("escrow"),
  /** Hash of the newest audit log line (truncation detection). */
  AUDIT_ANCHOR("audit-anchor"),
  /**
   * Public Feldman commitments to the recovery shards of the current root key (not encrypted:
   * anyone may check a shard against them).
   */
  SHARD_COMMITMENTS("shard-commitments");

  private final String id;

  SystemKey(String id) {
    this.id = id;
  }

  /** The name this record is stored under. */
  public String id() {
    return id;
  }

  /** The key stored under this id, if any. */
  public static Optional<SystemKey> fromId(String id) {
    for (SystemKey key : values()) {
      if (key.id.equals(id)) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }
}
