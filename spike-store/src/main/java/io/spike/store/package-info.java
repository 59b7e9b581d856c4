/**
 * The backing store of Nexus: ciphertext records behind one interface, {@link
 * io.spike.store.SpikeStore}.
 *
 * <p>The store never sees plaintext. Secret paths, version numbers and policy names are plaintext
 * keys; every value (secret versions, secret metadata, policies, keyring, key check, escrow, audit
 * anchor) is an opaque byte array that Nexus encrypted before handing it over.
 *
 * <p>Public here: the interface, its value records, {@link io.spike.store.RecordVisitor} (what bulk
 * export and import stream), {@link io.spike.store.StoreConfig}, {@link io.spike.store.Stores},
 * {@link io.spike.store.StoreLock} and the exceptions. The backends (memory, SQLite, PostgreSQL)
 * and the schema migrations are package-private. Snapshot files of a store live in {@link
 * io.spike.store.snapshot}.
 *
 * <p>The change log (outbox): every change is recorded as a {@link io.spike.store.Change} in the
 * same transaction as the change, numbered within a log ({@link io.spike.store.ChangeLogPosition});
 * {@link io.spike.store.ChangeBody} is its typed content, {@link io.spike.store.StoreLease} the
 * lock that lets one replica ship it. Shipped segments of the log live in {@link
 * io.spike.store.changelog}.
 */
package io.spike.store;
