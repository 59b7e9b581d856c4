/**
 * The entry points of the pilot module: {@link io.spike.pilot.SpikeCli} (the {@code spike} CLI) and
 * {@link io.spike.pilot.BootstrapMain} (the one-shot job that makes the root key and seeds the
 * keepers). Commands live in the sub-packages, one class per command.
 */
package io.spike.pilot;
