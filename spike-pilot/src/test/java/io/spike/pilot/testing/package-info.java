/** Test support: a fake Nexus/keeper over plain HTTP and an in-process CLI runner. */
package io.spike.pilot.testing;
