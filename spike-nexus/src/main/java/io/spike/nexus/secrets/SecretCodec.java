package io.spike.nexus.secrets;

import io.spike.api.Json;
import io.spike.crypto.SecretBytes;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.barrier.Places;
import io.spike.store.SecretRecord;
import io.spike.store.VersionRecord;

/**
 * Turns version and metadata rows into ciphertext and back through the {@link Barrier}, binding
 * each to its place: {@code secret|<path>|<version>} and {@code secret-meta|<path>}. Plaintext JSON
 * buffers are zeroed after use.
 */
final class SecretCodec {
  private final Barrier barrier;

  SecretCodec(Barrier barrier) {
    this.barrier = barrier;
  }

  static String versionPlace(String path, int version) {
    return Places.secretVersion(path, version);
  }

  static String metadataPlace(String path) {
    return Places.secretMetadata(path);
  }

  VersionRecord encrypt(String path, int version, StoredVersion body) {
    return new VersionRecord(path, version, seal(body, versionPlace(path, version)));
  }

  StoredVersion decrypt(VersionRecord row) {
    return open(row.ciphertext(), versionPlace(row.path(), row.version()), StoredVersion.class);
  }

  byte[] encrypt(String path, StoredMetadata metadata) {
    return seal(metadata, metadataPlace(path));
  }

  StoredMetadata decrypt(SecretRecord row) {
    return open(row.metadata(), metadataPlace(row.path()), StoredMetadata.class);
  }

  private byte[] seal(Object value, String place) {
    byte[] plain = Json.encode(value);
    try {
      return barrier.encrypt(plain, place);
    } finally {
      SecretBytes.wipe(plain);
    }
  }

  private <T> T open(byte[] ciphertext, String place, Class<T> type) {
    byte[] plain = barrier.decryptRecord(ciphertext, place);
    try {
      return Json.decode(plain, type);
    } catch (Json.JsonException e) {
      throw new IllegalStateException("stored record '" + place + "' decrypted but is malformed");
    } finally {
      SecretBytes.wipe(plain);
    }
  }
}
