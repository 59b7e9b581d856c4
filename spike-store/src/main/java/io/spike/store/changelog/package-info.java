/**
 * The shipped change log: a store's changes ({@link io.spike.store.Change}) in append-only segment
 * objects at a backup target ({@code changes/<log id>/<first seq>-<last seq>.seg}), each sealed by
 * a keyless SHA-256 chain and an HMAC-SHA256 chain that run through all segments of a log.
 *
 * <p>{@link io.spike.store.changelog.ChangeSegments} writes a segment; {@link
 * io.spike.store.changelog.ChangeLogReader} lists and verifies a log (names, order, gaps, chain
 * links, both chains, structure) and finds where it ends; {@link
 * io.spike.store.changelog.ChangeReplay} verifies the needed range and then re-applies it to a
 * store, up to an {@link io.spike.store.changelog.Until}. The format is described in {@link
 * io.spike.store.changelog.ChangeLogFormat}. Segments hold what the store holds: ciphertext and
 * plaintext keys, never plaintext values.
 */
package io.spike.store.changelog;
