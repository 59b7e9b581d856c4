package io.spike.pilot.testing;

import io.spike.crypto.KeyCheck;
import io.spike.crypto.Keyring;
import io.spike.crypto.RootKey;
import io.spike.crypto.Shamir;
import io.spike.crypto.Shard;
import io.spike.crypto.ShardText;
import io.spike.store.PolicyRecord;
import io.spike.store.SecretWrite;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.StoreLock;
import io.spike.store.Stores;
import io.spike.store.SystemKey;
import io.spike.store.VersionRecord;
import io.spike.store.snapshot.SnapshotOptions;
import io.spike.store.snapshot.SnapshotReader;
import io.spike.store.snapshot.SnapshotVisitor;
import io.spike.store.snapshot.SnapshotWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A real system's store and snapshot, made without Nexus: a root key with its Shamir shards written
 * as recovery files, a keyring wrapped under it, and records encrypted the way Nexus encrypts them
 * (associated data {@code secret-meta|<path>}, {@code secret|<path>|<v>}, {@code policy|<name>}).
 * Two secrets (three versions) and one policy.
 */
public final class SnapshotFixture {
  /** The plaintext value stored in a version: must never appear in a snapshot or output. */
  public static final String VALUE = "s3cr3t-value-7f4e";

  public static final Instant CREATED = Instant.parse("2026-11-20T12:00:00Z");

  private final RootKey key = RootKey.generate(new SecureRandom());
  private final List<Shard> shards;

  public SnapshotFixture(int shares, int threshold) {
    shards = Shamir.split(key, shares, threshold);
  }

  public SnapshotFixture() {
    this(3, 2);
  }

  /** Writes shard files {@code spike.recovery.<id>.txt} for {@code ids} into {@code dir}. */
  public Path writeShards(Path dir, int... ids) {
    try {
      Files.createDirectories(dir);
      for (int id : ids) {
        Files.writeString(
            dir.resolve(ShardText.fileName(id)), ShardText.encode(shards.get(id - 1)) + "\n");
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fills {@code store} with this system's key check, keyring, secrets and policy. */
  public void fill(SpikeStore store) {
    fill(store, "policy|web");
  }

  /** As {@link #fill(SpikeStore)}, the policy sealed under associated data {@code policyPlace}. */
  public void fill(SpikeStore store, String policyPlace) {
    Keyring keyring = Keyring.create(new SecureRandom());
    try {
      store.initialize(
          Map.of(SystemKey.KEY_CHECK, KeyCheck.create(key), SystemKey.KEYRING, keyring.wrap(key)));
      store.writeSecret(
          new SecretWrite(
              "apps/web/db",
              0,
              seal(keyring, "{\"currentVersion\":2}", "secret-meta|apps/web/db"),
              List.of(version(keyring, "apps/web/db", 1), version(keyring, "apps/web/db", 2)),
              List.of()));
      store.writeSecret(
          new SecretWrite(
              "apps/api/key",
              0,
              seal(keyring, "{\"currentVersion\":1}", "secret-meta|apps/api/key"),
              List.of(version(keyring, "apps/api/key", 1)),
              List.of()));
      store.putPolicy(new PolicyRecord("web", seal(keyring, "{\"name\":\"web\"}", policyPlace)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } finally {
      keyring.destroy();
    }
  }

  /** A SQLite store at {@code db}, filled. */
  public Path sqliteStore(Path db) {
    try (SpikeStore store = Stores.open(new StoreConfig.Sqlite(db))) {
      fill(store);
    }
    return db;
  }

  /** A snapshot of a filled memory store, signed as Nexus signs it. */
  public Path snapshot(Path file) {
    return snapshot(file, "policy|web", key.deriveKey("spike/snapshot-hmac", 32));
  }

  /** {@link #snapshot(Path)} written to {@code dir}/s.snap. */
  public Path snapshotIn(Path dir) {
    return snapshot(dir.resolve("s.snap"));
  }

  /** A snapshot whose policy is sealed under the wrong place: it does not decrypt where it sits. */
  public Path snapshotWithMisplacedPolicy(Path file) {
    return snapshot(file, "policy|elsewhere", key.deriveKey("spike/snapshot-hmac", 32));
  }

  /** A snapshot signed with an HMAC key that is not this root key's. */
  public Path snapshotSignedByAnotherKey(Path file) {
    byte[] other = new byte[32];
    new SecureRandom().nextBytes(other);
    return snapshot(file, "policy|web", other);
  }

  /** The same records, written unsigned (as an offline save without shards writes them). */
  public Path unsignedSnapshot(Path file) {
    try (SpikeStore store = Stores.open(new StoreConfig.Memory())) {
      fill(store, "policy|web");
      SnapshotWriter.writeFile(store, file, SnapshotOptions.unsigned(CREATED, "sqlite"));
    }
    return file;
  }

  /**
   * This fixture's genuine snapshot written to {@code dir}/s.snap, then spliced by {@code splice}
   * and rewritten unsigned to {@code dir}/f.snap (see {@link #rewriteUnsigned}).
   */
  public Path forgedUnsigned(Path dir, Consumer<SpikeStore> splice) {
    return rewriteUnsigned(snapshotIn(dir), dir.resolve("f.snap"), splice);
  }

  /** As {@link #forgedUnsigned}, signed with the forger's {@code hmacKey}. */
  public Path forgedSignedWith(Path dir, Consumer<SpikeStore> splice, byte[] hmacKey) {
    return rewriteSignedWith(snapshotIn(dir), dir.resolve("f.snap"), splice, hmacKey);
  }

  /**
   * The attack of a hostile backup writer: the records of {@code from}, changed by {@code splice}
   * (records of an older snapshot put back, one removed), rewritten unsigned with fresh, valid
   * checksums. No key is needed to do this.
   */
  public static Path rewriteUnsigned(Path from, Path to, Consumer<SpikeStore> splice) {
    return rewrite(from, to, splice, Optional.empty());
  }

  /**
   * As {@link #rewriteUnsigned}, signed with an HMAC key of the forger's choosing (not the root
   * key's).
   */
  public static Path rewriteSignedWith(
      Path from, Path to, Consumer<SpikeStore> splice, byte[] hmacKey) {
    return rewrite(from, to, splice, Optional.of(hmacKey));
  }

  private static Path rewrite(
      Path from, Path to, Consumer<SpikeStore> splice, Optional<byte[]> hmacKey) {
    try (SpikeStore store = Stores.open(new StoreConfig.Memory())) {
      store.importAll(sink -> SnapshotReader.read(from, SnapshotVisitor.forwardingTo(sink)));
      splice.accept(store);
      SnapshotWriter.writeFile(
          store, to, new SnapshotOptions(CREATED, "sqlite", List.of(), hmacKey));
    }
    return to;
  }

  private Path snapshot(Path file, String policyPlace, byte[] hmac) {
    try (SpikeStore store = Stores.open(new StoreConfig.Memory())) {
      fill(store, policyPlace);
      SnapshotWriter.writeFile(
          store, file, SnapshotOptions.signed(CREATED, "sqlite", List.of(1), hmac));
    }
    return file;
  }

  /**
   * Runs {@code work} while the store lock of {@code dataDir} (created if missing) is held, as a
   * running Nexus holds it; what {@code work} returned.
   */
  public static <T> T whileNexusHolds(Path dataDir, Supplier<T> work) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Optional<StoreLock> lock = StoreLock.tryAcquire(dataDir);
    if (lock.isEmpty()) {
      throw new AssertionError("the store lock of " + dataDir + " is taken");
    }
    try (StoreLock held = lock.get()) {
      return work.get();
    }
  }

  /** Changes one byte inside the payload of section {@code name} of {@code file}. */
  public static void flipByteIn(Path file, String name) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      // the section's name after its length byte, which is never found inside the header's JSON;
      // ISO-8859-1 maps each byte to one char, so the string's index is the byte offset
      String needle = (char) name.length() + name;
      int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(needle);
      if (at < 0) {
        throw new IllegalArgumentException("no section " + name);
      }
      int payload = at + needle.length() + 8;
      bytes[payload + 3] ^= 0x01;
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Cuts {@code file} to {@code keep} bytes. */
  public static void truncate(Path file, int keep) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      Files.write(file, Arrays.copyOf(bytes, keep));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static VersionRecord version(Keyring keyring, String path, int v)
      throws GeneralSecurityException {
    return new VersionRecord(
        path,
        v,
        seal(keyring, "{\"data\":{\"pass\":\"" + VALUE + "\"}}", "secret|" + path + "|" + v));
  }

  private static byte[] seal(Keyring keyring, String json, String place)
      throws GeneralSecurityException {
    return keyring.encrypt(
        json.getBytes(StandardCharsets.UTF_8), place.getBytes(StandardCharsets.UTF_8));
  }
}
