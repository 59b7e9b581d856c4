package io.spike.api.wire;

/** Names a policy; its id is its name. */
public record PolicyIdRequest(String id) {}
