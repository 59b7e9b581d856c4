package io.spike.api.wire;

/** Hex SHA-256 of the decrypted text. */
public record BootstrapVerifyResponse(String hash) {}
