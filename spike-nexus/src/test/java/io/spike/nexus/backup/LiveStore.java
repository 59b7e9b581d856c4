package io.spike.nexus.backup;

import io.spike.api.wire.PolicyPutRequest;
import io.spike.crypto.KeyCheck;
import io.spike.crypto.Keyring;
import io.spike.crypto.RootKey;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.policy.Policies;
import io.spike.nexus.secrets.Secrets;
import io.spike.store.SecretRecord;
import io.spike.store.SecretWrite;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.Stores;
import io.spike.store.SystemKey;
import io.spike.store.VersionRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An unsealed barrier over a bootstrapped store (memory unless given), without HTTP: for tests of
 * snapshot taking and checking. Holds two secrets (three versions) and one policy whose plaintext
 * is {@link #PLAINTEXTS}.
 */
final class LiveStore implements AutoCloseable {
  static final List<String> PLAINTEXTS =
      List.of(
          "alpha-plaintext-7f3e9c",
          "beta-plaintext-0a1b2c",
          "gamma-plaintext-d4e5f6",
          "value-key-q9w8e7",
          "^spiffe://spike\\.ist/billing-x1y2z3$");

  final SecureRandom random = new SecureRandom();
  final RootKey key = RootKey.generate(random);
  final SpikeStore store;
  final Barrier barrier;
  final Secrets secrets;
  final Policies policies;
  final Snapshots snapshots;

  LiveStore() {
    this(new StoreConfig.Memory());
  }

  /** Over a store of {@code config} (an empty one). */
  LiveStore(StoreConfig config) {
    store = Stores.open(config);
    barrier = new Barrier(() -> store.system(SystemKey.KEYRING));
    secrets = new Secrets(store, barrier, Clock.systemUTC(), 10);
    policies = new Policies(store, barrier, Clock.systemUTC());
    snapshots = new Snapshots(store, barrier);
    Keyring keyring = Keyring.create(random);
    try {
      store.initialize(
          Map.of(SystemKey.KEY_CHECK, KeyCheck.create(key), SystemKey.KEYRING, keyring.wrap(key)));
      barrier.unseal(RootKey.fromBytes(key.material().copyBytes()), keyring);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Two secrets, three versions, one policy. */
  LiveStore withData() {
    secrets.put("apps/web/db", Map.of("pass", PLAINTEXTS.get(0)));
    secrets.put("apps/web/db", Map.of("pass", PLAINTEXTS.get(1)));
    secrets.put("apps/api/db", Map.of(PLAINTEXTS.get(3), PLAINTEXTS.get(2)));
    policies.put(
        new PolicyPutRequest("billing", PLAINTEXTS.get(4), "apps/billing/.*", List.of("read")));
    return this;
  }

  /**
   * Stores the ciphertext of {@code apps/web/db} version 1 as {@code apps/api/db} version 1, where
   * it does not decrypt (its associated data names the other place).
   */
  void moveVersionOntoAnotherPath() {
    VersionRecord web1 = store.version("apps/web/db", 1).orElseThrow();
    SecretRecord api = store.secret("apps/api/db").orElseThrow();
    store.writeSecret(
        new SecretWrite(
            "apps/api/db",
            api.revision(),
            api.metadata(),
            List.of(new VersionRecord("apps/api/db", 1, web1.ciphertext())),
            List.of()));
  }

  /** A signed snapshot file in {@code dir}. */
  Path snapshot(Path dir) {
    Path file = dir.resolve("live-" + System.nanoTime() + ".snap");
    snapshots.writeFile(file, Instant.now());
    return file;
  }

  /** A copy of the root key (the caller destroys it). */
  RootKey keyCopy() {
    try {
      return RootKey.fromBytes(key.material().copyBytes());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The file with one byte flipped inside the payload of {@code section}. */
  static Path flipByteIn(Path file, String section, Path out) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      int payload = sectionPayload(bytes, section);
      bytes[payload + 2] ^= 0x01;
      Files.write(out, bytes);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Where {@code section}'s payload starts: after type(1) | name length(1) | name | payload
   * length(8).
   */
  static int sectionPayload(byte[] file, String section) {
    byte[] name = section.getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = 1; i + name.length < file.length; i++) {
      if (file[i] != name.length) {
        continue;
      }
      for (int j = 0; j < name.length; j++) {
        if (file[i + 1 + j] != name[j]) {
          continue outer;
        }
      }
      return i + 1 + name.length + 8;
    }
    throw new AssertionError("no section " + section);
  }

  /** Whether {@code needle} occurs anywhere in {@code haystack}. */
  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Override
  public void close() {
    barrier.seal();
    key.destroy();
    store.close();
  }
}
