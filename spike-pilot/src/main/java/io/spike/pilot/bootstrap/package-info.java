/**
 * Bootstrap: the one-shot job that makes the root key, gives every keeper its Shamir shard and
 * proves that Nexus rebuilt the same key, with bounded retries at every step. It refuses to run
 * against a Nexus that already has a root key.
 *
 * <p>Security: the key, the shards and the verification text are wiped when bootstrap ends, and no
 * output line ever carries them.
 */
package io.spike.pilot.bootstrap;
