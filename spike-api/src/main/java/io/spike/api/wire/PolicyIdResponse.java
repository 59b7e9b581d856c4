package io.spike.api.wire;

/** The id of the policy just written. */
public record PolicyIdResponse(String id) {}
