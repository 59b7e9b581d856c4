package io.spike.bench;

import io.spike.crypto.Keyring;
import io.spike.crypto.RootKey;
import io.spike.nexus.barrier.Places;
import io.spike.store.RecordVisitor;
import io.spike.store.SecretRecord;
import io.spike.store.SpikeStore;
import io.spike.store.SystemKey;
import io.spike.store.VersionRecord;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Fills a fresh store with many secrets fast, through {@link SpikeStore#importAll}, yet exactly as
 * Nexus would have written them: the plaintexts are those of one secret written through the real
 * API (read back from the store and decrypted), re-encrypted under the real keyring with the
 * associated data of each new place ({@link Places}). The system records (keyring, key check) are
 * copied from the store Nexus initialized, so a Nexus started on the result unseals from the same
 * keepers and can read every record.
 */
final class BulkRecords {
  static final String TEMPLATE_PATH = "bench/template";

  private final Map<SystemKey, byte[]> system;
  private final Keyring keyring;
  private final long revision;
  private final byte[] metadataPlain;
  private final byte[] versionPlain;

  private BulkRecords(
      Map<SystemKey, byte[]> system,
      Keyring keyring,
      long revision,
      byte[] metadataPlain,
      byte[] versionPlain) {
    this.system = system;
    this.keyring = keyring;
    this.revision = revision;
    this.metadataPlain = metadataPlain;
    this.versionPlain = versionPlain;
  }

  /** Reads the system records and the template secret (version 1) from {@code source}. */
  static BulkRecords from(SpikeStore source, RootKey rootKey) throws GeneralSecurityException {
    Map<SystemKey, byte[]> system = new EnumMap<>(SystemKey.class);
    source.export(
        new RecordVisitor() {
          @Override
          public void system(SystemKey key, byte[] value) {
            system.put(key, value);
          }
        });
    Keyring keyring = Keyring.unwrap(rootKey, system.get(SystemKey.KEYRING));
    SecretRecord secret = source.secret(TEMPLATE_PATH).orElseThrow();
    VersionRecord version = source.version(TEMPLATE_PATH, 1).orElseThrow();
    return new BulkRecords(
        system,
        keyring,
        secret.revision(),
        keyring.decrypt(secret.metadata(), ad(Places.secretMetadata(TEMPLATE_PATH))),
        keyring.decrypt(version.ciphertext(), ad(Places.secretVersion(TEMPLATE_PATH, 1))));
  }

  static String path(int i) {
    return String.format("bench/bulk/%08d", i);
  }

  /**
   * Loads the system records and {@code count} secrets (one version each) into the empty {@code
   * target}.
   */
  void load(SpikeStore target, int count) {
    target.importAll(
        sink -> {
          system.forEach(sink::system);
          try {
            for (int i = 0; i < count; i++) {
              String path = path(i);
              sink.secret(
                  new SecretRecord(
                      path,
                      revision,
                      keyring.encrypt(metadataPlain, ad(Places.secretMetadata(path)))));
            }
            for (int i = 0; i < count; i++) {
              String path = path(i);
              sink.version(
                  new VersionRecord(
                      path, 1, keyring.encrypt(versionPlain, ad(Places.secretVersion(path, 1)))));
            }
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encrypting a bulk record failed", e);
          }
        });
  }

  /** A version ciphertext as the store holds it (the put baseline writes rows of this size). */
  byte[] sampleCiphertext() {
    try {
      return keyring.encrypt(versionPlain, ad(Places.secretVersion("bench/sample", 1)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  List<Integer> keyringTerms() {
    return List.copyOf(new TreeSet<>(keyring.terms()));
  }

  private static byte[] ad(String place) {
    return place.getBytes(StandardCharsets.UTF_8);
  }
}
