package io.spike.nexus.recovery;

import io.spike.api.ApiException;
import io.spike.api.ApiUnreachableException;
import io.spike.api.wire.ShardValue;
import io.spike.crypto.KeyCheck;
import io.spike.crypto.Shamir;
import io.spike.crypto.Shard;
import io.spike.crypto.ShardCommitments;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.barrier.SealedException;
import io.spike.store.SpikeStore;
import io.spike.store.SystemKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background thread that keeps Nexus and its keepers in step.
 *
 * <p>While sealed: each round asks every keeper whose shard it lacks (every keeper, after a round
 * whose shards gave no key), keeps what it got across rounds, and once it has {@code threshold}
 * shards lets {@link KeyRecovery} find the key; between rounds it waits per {@link Backoff} (0.5 s
 * doubling to 5 s by default, with jitter). A keeper holding a shard that differs from what the
 * recovered key implies is logged as {@code keeper <id> (<url>) holds a wrong shard; ignoring it}
 * and not used. Every shard a keeper returns is first checked against the stored shard commitments
 * ({@link StoredCommitments}): a wrong one is never collected, and the keeper's health shows {@code
 * wrong shard} ({@link KeeperHealth}) until it returns a valid one or takes a push. Then the
 * barrier is unsealed and the collected shards wiped.
 *
 * <p>While unsealed: right after every unseal (by this thread or any other path) and then every
 * update interval, it pushes each keeper its shard, so a restarted keeper is refilled within one
 * interval. Before each push it checks that the root key it holds still passes the store's key
 * check: when another replica has rotated the root key, it logs that, re-seals and recovers the new
 * key from the keepers. It also picks up data-key terms another replica added ({@link
 * Barrier#reloadKeyring}), and after each unseal stores the shard commitments when the store lacks
 * them ({@link StoredCommitments#ensure}: a store made before commitments existed upgrades).
 *
 * <p>Pushes run under a lock that {@link #exclusively} also takes, so a root-key rotation can put
 * new shards on the keepers without a periodic push of the old ones in between.
 *
 * <p>Security promise: shards exist only inside a round and are destroyed afterwards; logs name
 * keepers and ids, never shard bytes.
 */
public final class KeeperSync implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KeeperSync.class);

  private final List<KeeperLink> keepers;
  private final Barrier barrier;
  private final KeyRecovery recovery;
  private final KeeperHealth health;
  private final int shares;
  private final int threshold;
  private final Duration updateInterval;
  private final Backoff backoff;
  private final SpikeStore store;
  private final StoredCommitments commitments;
  private final ReentrantLock pushLock = new ReentrantLock();
  private final Map<Integer, Shard> collected = new TreeMap<>();
  private final Object signal = new Object();
  private volatile boolean running;
  private volatile boolean commitmentsDue;
  private boolean pushDue;
  private boolean refreshAll;
  private String lastWarning;
  private long nextPushNanos;
  private Thread thread;

  public KeeperSync(
      List<KeeperLink> keepers,
      Barrier barrier,
      SpikeStore store,
      KeeperHealth health,
      int shares,
      int threshold,
      Duration updateInterval,
      Duration backoffInitial,
      Duration backoffMax) {
    this.keepers = List.copyOf(keepers);
    this.barrier = barrier;
    this.store = store;
    this.commitments = new StoredCommitments(store, shares, threshold);
    SecureRandom random = new SecureRandom();
    this.recovery = new KeyRecovery(store, shares, threshold, random);
    this.health = health;
    this.shares = shares;
    this.threshold = threshold;
    this.updateInterval = updateInterval;
    this.backoff = new Backoff(backoffInitial, backoffMax, random);
    this.nextPushNanos = System.nanoTime();
    barrier.onUnseal(
        () -> {
          commitmentsDue = true;
          requestPush();
        });
  }

  /** Starts the thread. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    running = true;
    thread = new Thread(this::run, "keeper-sync");
    thread.setDaemon(true);
    thread.start();
  }

  /** Pushes shards to every keeper as soon as possible. */
  public void requestPush() {
    synchronized (signal) {
      pushDue = true;
      signal.notifyAll();
    }
  }

  /**
   * Runs {@code work} while no push to the keepers can run (root-key rotation pushes its own shards
   * inside it with {@link #pushEach}).
   */
  public <T> T exclusively(Supplier<T> work) {
    pushLock.lock();
    try {
      return work.get();
    } finally {
      pushLock.unlock();
    }
  }

  /**
   * Pushes {@code shards.get(i - 1)} to keeper {@code i}, for every keeper whose id is in {@code
   * ids}; the caller keeps ownership of the shards.
   *
   * @return the ids of the keepers that took their shard
   */
  public Set<Integer> pushEach(List<Shard> shards, Set<Integer> ids) {
    Set<Integer> took = new TreeSet<>();
    for (KeeperLink keeper : keepers) {
      if (ids.contains(keeper.id()) && push(keeper, shards.get(keeper.id() - 1))) {
        took.add(keeper.id());
      }
    }
    return took;
  }

  /** Every keeper's shard id. */
  public Set<Integer> keeperIds() {
    Set<Integer> ids = new TreeSet<>();
    keepers.forEach(k -> ids.add(k.id()));
    return ids;
  }

  /** Stops the thread and wipes any shard it still holds. */
  @Override
  public synchronized void close() {
    running = false;
    if (thread != null) {
      synchronized (signal) {
        signal.notifyAll();
      }
      thread.interrupt();
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
    forgetShards();
  }

  private void run() {
    while (running) {
      long waitMillis;
      try {
        waitMillis = barrier.isSealed() ? sealedRound() : unsealedRound();
      } catch (SealedException e) {
        waitMillis = 0;
      } catch (RuntimeException e) {
        LOG.error("keeper sync round failed; retrying", e);
        waitMillis = backoff.next().toMillis();
      }
      await(waitMillis);
    }
  }

  private long sealedRound() {
    synchronized (signal) {
      pushDue = false;
    }
    boolean refresh = refreshAll;
    refreshAll = false;
    for (KeeperLink keeper : keepers) {
      if (refresh || !collected.containsKey(keeper.id())) {
        fetch(keeper)
            .ifPresent(
                shard ->
                    Optional.ofNullable(collected.put(keeper.id(), shard))
                        .ifPresent(Shard::destroy));
      }
    }
    if (collected.size() < threshold) {
      LOG.debug("sealed: {} of {} shards collected", collected.size(), threshold);
      return backoff.next().toMillis();
    }
    Recovery result = recovery.recover(collected);
    if (result instanceof Recovery.Recovered recovered) {
      adopt(recovered);
      return 0;
    }
    String warning =
        "shards from keepers "
            + collected.keySet()
            + " do not give the root key ("
            + ((Recovery.NoKey) result).reason()
            + "); asking again";
    if (warning.equals(lastWarning)) {
      LOG.debug(warning);
    } else {
      LOG.warn(warning);
      lastWarning = warning;
    }
    refreshAll = true;
    return backoff.next().toMillis();
  }

  private void adopt(Recovery.Recovered recovered) {
    for (KeeperLink keeper : keepers) {
      if (recovered.wrongShards().contains(keeper.id())) {
        health.wrongShard(keeper.id(), true);
        LOG.warn("keeper {} ({}) holds a wrong shard; ignoring it", keeper.id(), keeper.url());
      }
    }
    forgetShards();
    lastWarning = null;
    if (barrier.unseal(recovered.rootKey(), recovered.keyring())) {
      backoff.reset();
      LOG.info(
          recovered.firstBoot()
              ? "first boot: adopted the root key seeded by bootstrap; nexus is unsealed"
              : "root key recovered from keepers and checked; nexus is unsealed");
    } else {
      recovered.keyring().destroy();
      recovered.rootKey().destroy();
    }
  }

  private long unsealedRound() {
    forgetShards();
    boolean due;
    synchronized (signal) {
      due = pushDue || System.nanoTime() - nextPushNanos >= 0;
      pushDue = false;
    }
    if (due) {
      pushLock.lock();
      try {
        if (!rootKeyStillCurrent()) {
          return 0;
        }
        if (commitmentsDue) {
          commitmentsDue = false;
          barrier.withRootKey(commitments::ensure);
        }
        barrier.reloadKeyring();
        pushAll();
      } finally {
        pushLock.unlock();
      }
      nextPushNanos = System.nanoTime() + updateInterval.toNanos();
    }
    return Math.max(1, (nextPushNanos - System.nanoTime()) / 1_000_000);
  }

  /** False (and sealed) when the store's key check no longer matches the root key held here. */
  private boolean rootKeyStillCurrent() {
    Optional<byte[]> check = store.system(SystemKey.KEY_CHECK);
    if (check.isEmpty() || barrier.withRootKey(key -> KeyCheck.matches(key, check.get()))) {
      return true;
    }
    LOG.warn(
        "the store's key check no longer matches this nexus's root key (rotated by another replica?); "
            + "sealing and recovering the root key from the keepers");
    barrier.seal();
    backoff.reset();
    return false;
  }

  private void pushAll() {
    List<Shard> shards = barrier.withRootKey(key -> Shamir.split(key, shares, threshold));
    try {
      for (KeeperLink keeper : keepers) {
        push(keeper, shards.get(keeper.id() - 1));
      }
    } finally {
      shards.forEach(Shard::destroy);
    }
  }

  private boolean push(KeeperLink keeper, Shard shard) {
    ShardValue wire = shard.withValueBytes(ShardValue::ofBytes);
    try {
      keeper.client().contribute(wire);
      reached(keeper);
      if (health.wrongShard(keeper.id(), false)) {
        LOG.info("keeper {} ({}) took its right shard", keeper.id(), keeper.url());
      }
      LOG.debug("pushed shard {} to {}", keeper.id(), keeper);
      return true;
    } catch (ApiException | ApiUnreachableException e) {
      missed(keeper, e);
      return false;
    } finally {
      wire.destroy();
    }
  }

  private Optional<Shard> fetch(KeeperLink keeper) {
    Optional<ShardValue> answer;
    try {
      answer = keeper.client().shard();
      reached(keeper);
    } catch (ApiException | ApiUnreachableException e) {
      missed(keeper, e);
      return Optional.empty();
    }
    if (answer.isEmpty()) {
      LOG.debug("{} holds no shard yet", keeper);
      return Optional.empty();
    }
    Shard shard;
    try {
      shard = answer.get().withBytes(bytes -> Shard.of(keeper.id(), bytes));
    } catch (IllegalArgumentException e) {
      return wrongShard(keeper);
    } finally {
      answer.get().destroy();
    }
    Optional<ShardCommitments> stored = commitments.load();
    if (stored.isPresent() && !stored.get().verify(shard)) {
      shard.destroy();
      return wrongShard(keeper);
    }
    if (stored.isPresent() && health.wrongShard(keeper.id(), false)) {
      LOG.info("keeper {} ({}) holds a valid shard again", keeper.id(), keeper.url());
    }
    return Optional.of(shard);
  }

  private Optional<Shard> wrongShard(KeeperLink keeper) {
    if (health.wrongShard(keeper.id(), true)) {
      LOG.warn("keeper {} ({}) holds a wrong shard; ignoring it", keeper.id(), keeper.url());
    }
    return Optional.empty();
  }

  private void reached(KeeperLink keeper) {
    if (health.reached(keeper.id())) {
      LOG.info("{} is reachable", keeper);
    }
  }

  private void missed(KeeperLink keeper, RuntimeException e) {
    if (health.missed(keeper.id())) {
      LOG.warn("{} is unreachable: {}", keeper, e.getMessage());
    }
  }

  private void await(long millis) {
    if (millis <= 0) {
      return;
    }
    synchronized (signal) {
      if (!running || pushDue) {
        return;
      }
      try {
        signal.wait(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }
  }

  private void forgetShards() {
    collected.values().forEach(Shard::destroy);
    collected.clear();
  }
}
