package io.spike.api.wire;

/** Whether an unseal brought the root key back. */
public record UnsealResponse(boolean restored) {}
