package io.spike.nexus.recovery;

import io.spike.api.Durations;
import io.spike.api.wire.ShardValue;
import io.spike.api.wire.StatusResponse;
import io.spike.crypto.Shard;
import io.spike.crypto.ShardCommitments;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.refusal.Refusal;
import io.spike.store.SpikeStore;
import io.spike.store.SystemKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Break-glass restore (DESIGN §7.3): collects the recovery shards an operator feeds a sealed Nexus,
 * one call per shard, and unseals once they give the root key.
 *
 * <p>Rules: ids are 1..shares; a zero shard or one not below the P-256 order is refused; a shard
 * equal to the one held for its id is ignored; a different one replaces it (so a corrected shard
 * can be fed without restarting Nexus). At threshold shards or more, every combination of threshold
 * of them is tried against the store's key check ({@link KeyRecovery#restore}); the first that
 * passes unseals Nexus (which pushes shards to the keepers at once) and the held shards that differ
 * from what the key implies are named wrong. When none passes, the set is kept. When the store
 * holds shard commitments ({@link StoredCommitments}), each shard is checked against them the
 * moment it arrives: a wrong one is refused (400 naming its id and the commitments' fingerprint)
 * and never counted, even among exactly threshold shards. A partial set is wiped {@code ttl} after
 * the last accepted shard. A store without a key check was never bootstrapped: there is nothing to
 * restore (409).
 *
 * <p>Security promise: shards are held only here, zeroed on unseal, expiry and close, and logged by
 * id only.
 */
public final class RestoreSession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RestoreSession.class);

  private final SpikeStore store;
  private final Barrier barrier;
  private final KeyRecovery recovery;
  private final StoredCommitments commitments;
  private final int shares;
  private final int threshold;
  private final Duration ttl;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private final Map<Integer, Shard> held = new TreeMap<>();
  private Instant lastAccepted = Instant.MIN;
  private ScheduledFuture<?> expiry;

  public RestoreSession(
      SpikeStore store, Barrier barrier, int shares, int threshold, Duration ttl, Clock clock) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("restore ttl must be positive");
    }
    this.store = store;
    this.barrier = barrier;
    this.recovery = new KeyRecovery(store, shares, threshold, new SecureRandom());
    this.commitments = new StoredCommitments(store, shares, threshold);
    this.shares = shares;
    this.threshold = threshold;
    this.ttl = ttl;
    this.clock = clock;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "restore-expiry");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Takes shard {@code id}; the caller destroys {@code value}.
   *
   * @throws Refusal 409 when Nexus is unsealed or the store was never bootstrapped; 400 for an id
   *     out of range, a zero shard or a value out of range
   */
  public synchronized RestoreOutcome accept(int id, ShardValue value) {
    expireIfDue();
    if (!barrier.isSealed()) {
      throw Refusal.conflict("nexus is unsealed; restore is only for a sealed nexus");
    }
    if (id < 1 || id > shares) {
      throw Refusal.invalid("shard id must be 1.." + shares + ", not " + id);
    }
    Shard incoming = SubmittedShard.parse(id, value);
    if (store.system(SystemKey.KEY_CHECK).isEmpty()) {
      incoming.destroy();
      throw Refusal.conflict(
          "the store holds no root key (never bootstrapped): nothing to restore; run bootstrap instead");
    }
    refuseIfNotCommitted(incoming);
    Shard existing = held.get(id);
    if (existing != null && existing.equals(incoming)) {
      incoming.destroy();
      LOG.info("restore: shard {} is already held; ignored ({} of {})", id, held.size(), threshold);
    } else {
      held.put(id, incoming);
      if (existing != null) {
        existing.destroy();
      }
      lastAccepted = clock.instant();
      scheduleExpiry(ttl);
      LOG.info(
          "restore: shard {} accepted ({} of {}){}",
          id,
          held.size(),
          threshold,
          existing == null ? "" : "; it replaces the shard held for that id");
    }
    return held.size() < threshold
        ? new RestoreOutcome.NeedMoreShards(held.size(), threshold - held.size())
        : attempt();
  }

  /** Shards collected and still needed, as the status route shows them. */
  public synchronized StatusResponse.Restore progress() {
    expireIfDue();
    return new StatusResponse.Restore(held.size(), Math.max(0, threshold - held.size()));
  }

  /** Stops the expiry timer and wipes every held shard. */
  @Override
  public synchronized void close() {
    timer.shutdownNow();
    forget();
  }

  private RestoreOutcome attempt() {
    int collected = held.size();
    Recovery result = recovery.restore(held);
    if (result instanceof Recovery.Recovered recovered) {
      List<Integer> wrong = recovered.wrongShards().stream().sorted().toList();
      wrong.forEach(w -> LOG.warn("restore: shard {} is wrong", w));
      forget();
      if (!barrier.unseal(recovered.rootKey(), recovered.keyring())) {
        recovered.keyring().destroy();
        recovered.rootKey().destroy();
        throw Refusal.conflict("nexus was unsealed meanwhile (by its keepers); nothing to restore");
      }
      LOG.info("restore: root key reconstructed and checked; nexus is unsealed");
      return new RestoreOutcome.Restored(collected, wrong);
    }
    List<Integer> ids = List.copyOf(held.keySet());
    LOG.warn(
        "restore: shards {} do not reconstruct the root key ({}); keeping them for a corrected or another shard",
        ids,
        ((Recovery.NoKey) result).reason());
    return new RestoreOutcome.WrongShards(collected, threshold, ids);
  }

  /** Refuses (and destroys) a shard the stored commitments say is not of this system. */
  private void refuseIfNotCommitted(Shard incoming) {
    Optional<ShardCommitments> stored = commitments.load();
    if (stored.isPresent() && !stored.get().verify(incoming)) {
      int id = incoming.id();
      incoming.destroy();
      String message =
          "recovery shard "
              + id
              + " is not valid for this system (commitments "
              + stored.get().fingerprint()
              + ")";
      LOG.warn("restore: {}; refused, not counted", message);
      throw Refusal.invalid(message);
    }
  }

  private void scheduleExpiry(Duration delay) {
    if (expiry != null) {
      expiry.cancel(false);
    }
    if (!timer.isShutdown()) {
      expiry =
          timer.schedule(this::expireOnTimer, Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
    }
  }

  private synchronized void expireOnTimer() {
    if (held.isEmpty()) {
      return;
    }
    Duration left = Duration.between(clock.instant(), lastAccepted.plus(ttl));
    if (left.isNegative() || left.isZero()) {
      expireIfDue();
    } else {
      scheduleExpiry(left);
    }
  }

  private void expireIfDue() {
    if (!held.isEmpty() && !clock.instant().isBefore(lastAccepted.plus(ttl))) {
      int count = held.size();
      forget();
      LOG.info(
          "restore: partial set of {} shard(s) expired {} after the last one; wiped",
          count,
          Durations.format(ttl));
    }
  }

  private void forget() {
    held.values().forEach(Shard::destroy);
    held.clear();
    if (expiry != null) {
      expiry.cancel(false);
      expiry = null;
    }
  }

  @Override
  public synchronized String toString() {
    return "RestoreSession[held=" + held.keySet() + ", threshold=" + threshold + "]";
  }
}
