package io.spike.api.wire;

/** Progress of a restore: shards collected and still needed, and whether Nexus is now unsealed. */
public record RestoreResponse(int collected, int remaining, boolean restored) {}
