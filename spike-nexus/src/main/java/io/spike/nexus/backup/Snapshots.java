package io.spike.nexus.backup;

import io.spike.crypto.SecretBytes;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.recovery.StoredCommitments;
import io.spike.store.SpikeStore;
import io.spike.store.snapshot.SnapshotHeader;
import io.spike.store.snapshot.SnapshotOptions;
import io.spike.store.snapshot.SnapshotRecovery;
import io.spike.store.snapshot.SnapshotWriter;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Snapshots of the live store, as Nexus takes them (on request and on schedule): signed with an
 * HMAC key derived from the root key ({@value #HMAC_LABEL}), with the keyring's terms and, when the
 * store holds shard commitments, the recovery block (threshold, shares, fingerprint) in the header.
 *
 * <p>Security promise: a snapshot holds ciphertext only (the store never sees plaintext); the HMAC
 * key is derived under the barrier, used for one snapshot and wiped. Needs an unsealed barrier
 * ({@link io.spike.nexus.barrier.SealedException} otherwise).
 */
public final class Snapshots {
  /** The HKDF label of the snapshot HMAC key; the CLI derives the same key from shards. */
  public static final String HMAC_LABEL = "spike/snapshot-hmac";

  public static final int HMAC_KEY_BYTES = 32;

  private final SpikeStore store;
  private final Barrier barrier;

  public Snapshots(SpikeStore store, Barrier barrier) {
    this.store = store;
    this.barrier = barrier;
  }

  /** Streams a snapshot taken at {@code created} to {@code out} (not closed). */
  public SnapshotHeader write(OutputStream out, Instant created) {
    return signed(created, options -> SnapshotWriter.write(store, out, options));
  }

  /** Writes a snapshot taken at {@code created} to {@code file}, atomically (mode 0600). */
  public SnapshotHeader writeFile(Path file, Instant created) {
    return signed(created, options -> SnapshotWriter.writeFile(store, file, options));
  }

  /**
   * Runs {@code writer} with the options of a snapshot taken at {@code created}, signed under the
   * HMAC key of this root key, which is wiped afterwards.
   */
  private SnapshotHeader signed(Instant created, Function<SnapshotOptions, SnapshotHeader> writer) {
    byte[] hmacKey = hmacKey();
    try {
      return writer.apply(options(created, hmacKey));
    } finally {
      SecretBytes.wipe(hmacKey);
    }
  }

  private SnapshotOptions options(Instant created, byte[] hmacKey) {
    List<Integer> terms = List.copyOf(new TreeSet<>(barrier.terms()));
    SnapshotOptions options = SnapshotOptions.signed(created, store.backend(), terms, hmacKey);
    return StoredCommitments.read(store)
        .map(
            c ->
                options.withRecovery(
                    new SnapshotRecovery(c.threshold(), c.shares(), c.fingerprint())))
        .orElse(options);
  }

  private byte[] hmacKey() {
    return barrier.withRootKey(key -> key.deriveKey(HMAC_LABEL, HMAC_KEY_BYTES));
  }
}
