/**
 * Versioned secrets with SPIKE's semantics (DESIGN §6): put makes a new version, delete is soft,
 * undelete restores, metadata tells the history, versions beyond the maximum are deleted for real.
 *
 * <p>Every version row is the keyring encryption of {@code {values, createdTime, deletedTime}} with
 * associated data {@code secret|<path>|<version>}; the metadata row is encrypted with {@code
 * secret-meta|<path>}. Writes are compare-and-set on the secret's revision and retried on conflict,
 * so replicas sharing one database never lose a version.
 */
package io.spike.nexus.secrets;
