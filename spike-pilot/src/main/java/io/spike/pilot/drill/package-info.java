/**
 * {@code spike drill}: a restore rehearsal with nothing left running. A snapshot is inspected, the
 * recovery shards are tested against its key check (which also tells the Shamir threshold), its
 * signature is checked by the rule restore applies ({@code SnapshotTrust}: a bad or missing
 * signature fails the drill before anything is restored or started, unless an unsigned snapshot is
 * let through with {@code --allow-unsigned}), the snapshot is restored into a temporary SQLite
 * store, a scratch Nexus is started on free loopback ports with a temporary dev CA and fed the
 * shards, and once ready every secret version and policy is read back as the superuser and counted
 * against the snapshot's header. The report (Markdown and JSON) gives RTO (launch to ready), RPO
 * (the snapshot's age), counts, checks and a PASS/FAIL verdict with reasons.
 *
 * <p>Security: the scratch Nexus gets a minimal environment (never the caller's {@code SPIKE_*}
 * settings, so it cannot write backups or logs elsewhere), its own CA and SVIDs, and no keepers;
 * secret values read back are discarded at once and never reach the report, which names paths,
 * versions and policy names only. The temporary directory (store, CA, keys, logs) is deleted in
 * every case.
 */
package io.spike.pilot.drill;
