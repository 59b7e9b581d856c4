/**
 * Test support: a fake Nexus/keeper over plain HTTP, an in-process CLI runner, a scripted terminal,
 * log capture, test shards, snapshots and detailed statuses.
 */
package io.spike.pilot.testing;
