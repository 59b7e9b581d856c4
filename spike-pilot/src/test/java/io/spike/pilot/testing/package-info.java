/**
 * Test support: a fake Nexus/keeper over plain HTTP, an in-process CLI runner, a scripted terminal,
 * log capture and test shards.
 */
package io.spike.pilot.testing;
