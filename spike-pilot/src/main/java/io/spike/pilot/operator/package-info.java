/**
 * {@code spike operator}: break-glass recovery (DESIGN §7.2–7.4, 7.6). {@code recover} writes the
 * recovery shard files, {@code restore} feeds them to a sealed Nexus, {@code unseal --password} and
 * {@code escrow enable} use password escrow, {@code rotate-keys} and {@code rotate-root} rotate
 * keys online, and {@code reset} wipes a stopped store offline. {@link
 * io.spike.pilot.operator.RoleCommand} is the base of the commands that need one pilot identity
 * (also snapshot save and verify): a 401 names it.
 *
 * <p>Security: shard text and passwords never reach stdout, stderr or a log; shard files are
 * created 0600 in an 0700 directory; every {@code byte[]}/{@code char[]} copy of a shard or
 * password the CLI holds is wiped after use. Malformed shard text is bad usage (exit 2) found
 * before anything is sent.
 */
package io.spike.pilot.operator;
