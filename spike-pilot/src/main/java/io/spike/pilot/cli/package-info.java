/**
 * What every {@code spike} command shares: the run's context (environment, streams, the way to
 * reach Nexus), output in {@code human}, {@code json} or {@code yaml}, argument parsing ({@code
 * key=value}, version lists), and the single place where failures become one line on stderr and an
 * exit code (0 success, 1 refused or failed, 2 bad usage).
 *
 * <p>Security: error lines never echo an argument that may be a secret value, and nothing here logs
 * request or response bodies.
 */
package io.spike.pilot.cli;
