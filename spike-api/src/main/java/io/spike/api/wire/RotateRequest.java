package io.spike.api.wire;

/** {@code {target: "keys" | "root"}}. */
public record RotateRequest(String target) {}
