/**
 * {@code spike dev}: the embedded local cluster. A development CA and one SVID per identity,
 * keepers and Nexus started as detached child processes on loopback (Nexus 8553, ops 8554, keepers
 * 8443, 8543, ...), bootstrap on first run, all state under one directory ({@code ./.spike-dev} by
 * default). With {@code --backend postgres} and no {@code SPIKE_NEXUS_DB_URL}, an embedded
 * PostgreSQL ({@link io.spike.pilot.dev.DevPostgresMain}, component {@code postgres}, port 8555,
 * data in {@code D/postgres}) starts first and stops last.
 *
 * <p>Security: key files are written {@code 0600} in {@code 0700} directories; this is a
 * development CA, production identities come from SPIRE. The embedded PostgreSQL trusts any local
 * connection as user {@code postgres}: development only.
 */
package io.spike.pilot.dev;
