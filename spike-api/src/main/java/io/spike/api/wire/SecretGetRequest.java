package io.spike.api.wire;

/** Get a version of a secret; version 0 means the current one. */
public record SecretGetRequest(String path, int version) {}
