package io.spike.store;

/**
 * Receives store records one at a time: what {@link SpikeStore#export} streams out and what {@link
 * SpikeStore#importAll} takes in.
 *
 * <p>Every method does nothing by default, so a visitor overrides only what it needs. Records are
 * ciphertext exactly as stored; the visitor never sees plaintext. A visitor that throws stops the
 * stream: an export ends (its read transaction is released), an import rolls back.
 */
public interface RecordVisitor {

  /**
   * The change-log position of an export's view, before any record: the records hold every change
   * up to it. Imports ignore it.
   */
  default void changeLog(ChangeLogPosition position) {}

  /** A system record (keyring, key check, escrow, audit anchor); the array is the visitor's own. */
  default void system(SystemKey key, byte[] value) {}

  /** A secret's row: path, revision and encrypted metadata. */
  default void secret(SecretRecord record) {}

  /** One stored version of a secret. */
  default void version(VersionRecord record) {}

  /** A policy. */
  default void policy(PolicyRecord record) {}
}
