package io.spike.nexus.operator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.spike.api.wire.ReencryptResponse;
import io.spike.crypto.Keyring;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.policy.Policies;
import io.spike.nexus.refusal.Refusal;
import io.spike.nexus.secrets.Secrets;
import io.spike.store.PolicyRecord;
import io.spike.store.RecordVisitor;
import io.spike.store.SecretRecord;
import io.spike.store.SystemKey;
import io.spike.store.VersionRecord;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code spike operator reencrypt}: moves every stored record to the keyring's newest data-key
 * term, online, in batches, so that older terms can then be retired.
 *
 * <p>A pass walks the secret paths in store order, a batch per call ({@link #step}); each secret is
 * rewritten with the usual compare-and-set, so writes racing it are never lost, and records already
 * on the newest term are left alone (only their 4-byte term prefix is read). The last call of a
 * pass moves the policies. Why this is resumable after a crash: every record moved is committed
 * with its secret, nothing else is remembered; a new pass (after a Nexus restart, the cursor starts
 * again) skips what is already on the newest term and moves the rest.
 *
 * <p>Retiring ({@code retire}, at the end of a pass): under the key-change lock, every secret,
 * version and policy in the store is checked to be on the newest term (one consistent read); then
 * the keyring without the older terms is wrapped under the root key and stored, and adopted.
 * Ciphertexts that clients keep from {@code /v1/cipher/encrypt} under a retired term can no longer
 * be decrypted: retiring is explicit.
 *
 * <p>Progress in {@code /metrics}: {@code spike_reencrypt_scanned_paths}, {@code
 * spike_reencrypt_total_paths} (of the pass under way) and {@code
 * spike_reencrypt_moved_records_total}.
 */
public final class Reencryption {
  private static final Logger LOG = LoggerFactory.getLogger(Reencryption.class);

  private final Secrets secrets;
  private final Policies policies;
  private final KeyChanges keyChanges;
  private final AtomicLong scanned = new AtomicLong();
  private final AtomicLong total = new AtomicLong();
  private final Counter movedTotal;

  /** Where the pass under way stands; null when no pass is under way. */
  private String cursor;

  private long moved;

  public Reencryption(
      KeyChanges keyChanges, Secrets secrets, Policies policies, MeterRegistry meters) {
    this.keyChanges = keyChanges;
    this.secrets = secrets;
    this.policies = policies;
    Gauge.builder("spike.reencrypt.scanned.paths", scanned, AtomicLong::get)
        .description("secret paths looked at by the re-encryption pass under way")
        .register(meters);
    Gauge.builder("spike.reencrypt.total.paths", total, AtomicLong::get)
        .description("secret paths when the re-encryption pass under way started")
        .register(meters);
    this.movedTotal =
        Counter.builder("spike.reencrypt.moved.records")
            .description("records moved to the newest data-key term")
            .register(meters);
  }

  /**
   * Moves the records of up to {@code batch} more paths; at the end of a pass, the policies (and
   * retires, if asked).
   */
  public synchronized ReencryptResponse step(int batch, boolean retire) {
    int term = keyChanges.barrier().currentTerm();
    if (cursor == null) {
      cursor = "";
      moved = 0;
      scanned.set(0);
      total.set(keyChanges.store().secretCount());
    }
    List<String> paths = keyChanges.store().secretPathsAfter(cursor, batch);
    for (String path : paths) {
      int n = secrets.reencrypt(path);
      moved += n;
      movedTotal.increment(n);
      scanned.incrementAndGet();
    }
    if (!paths.isEmpty()) {
      cursor = paths.get(paths.size() - 1);
      return new ReencryptResponse(term, scanned.get(), total.get(), moved, false, List.of());
    }
    int policiesMoved = policies.reencrypt();
    moved += policiesMoved;
    movedTotal.increment(policiesMoved);
    cursor = null;
    List<Integer> retired = retire ? retireOlderTerms() : List.of();
    LOG.info(
        "re-encryption pass done: {} records moved to term {} ({} paths){}",
        moved,
        term,
        scanned.get(),
        retired.isEmpty() ? "" : "; retired terms " + retired);
    return new ReencryptResponse(
        keyChanges.barrier().currentTerm(), scanned.get(), total.get(), moved, true, retired);
  }

  private List<Integer> retireOlderTerms() {
    keyChanges.lock().lock();
    try {
      int term = keyChanges.barrier().currentTerm();
      List<String> behind = onOlderTerms(term);
      if (!behind.isEmpty()) {
        throw Refusal.conflict(
            behind.size()
                + " record(s) are still on an older term (e.g. "
                + behind.get(0)
                + "), written meanwhile by a replica with an older keyring? Run spike operator reencrypt again");
      }
      Keyring stored = StoredKeyring.open(keyChanges.store(), keyChanges.barrier());
      Keyring next;
      try {
        if (stored.currentTerm() != term) {
          throw Refusal.conflict(
              "the stored keyring is at term "
                  + stored.currentTerm()
                  + ", this nexus at "
                  + term
                  + "; retry once it re-synced");
        }
        next = stored.retireBelow(term);
      } finally {
        stored.destroy();
      }
      List<Integer> retired = new ArrayList<>(keyChanges.barrier().terms());
      retired.removeIf(t -> t >= term);
      retired.sort(null);
      if (retired.isEmpty()) {
        next.destroy();
        return List.of();
      }
      try {
        byte[] rewrapped =
            keyChanges
                .barrier()
                .withRootKey(
                    key -> {
                      try {
                        return next.wrap(key);
                      } catch (GeneralSecurityException e) {
                        throw new IllegalStateException("cannot wrap the keyring", e);
                      }
                    });
        keyChanges.store().putSystem(Map.of(SystemKey.KEYRING, rewrapped));
        keyChanges.barrier().replaceKeyring(next);
      } catch (RuntimeException e) {
        next.destroy();
        throw e;
      }
      LOG.warn(
          "data-key terms {} retired: ciphertexts under them (including cipher-service results) no longer decrypt",
          retired);
      return retired;
    } finally {
      keyChanges.lock().unlock();
    }
  }

  /**
   * Places of the records still under a term below {@code term} (at most 5), from one consistent
   * read.
   */
  private List<String> onOlderTerms(int term) {
    List<String> behind = new ArrayList<>();
    keyChanges
        .store()
        .export(
            new RecordVisitor() {
              @Override
              public void secret(SecretRecord record) {
                check(record.metadata(), "secret-meta|" + record.path());
              }

              @Override
              public void version(VersionRecord record) {
                check(record.ciphertext(), "secret|" + record.path() + "|" + record.version());
              }

              @Override
              public void policy(PolicyRecord record) {
                check(record.ciphertext(), "policy|" + record.name());
              }

              private void check(byte[] ciphertext, String place) {
                if (behind.size() < 5 && Barrier.termOf(ciphertext) < term) {
                  behind.add(place);
                }
              }
            });
    return behind;
  }
}
