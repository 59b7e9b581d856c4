package io.spike.pilot.bootstrap;

import io.spike.api.ApiException;
import io.spike.api.ApiUnreachableException;
import io.spike.api.ErrorCode;
import io.spike.api.KeeperClient;
import io.spike.api.NexusClient;
import io.spike.api.wire.ShardValue;
import io.spike.api.wire.StatusResponse;
import io.spike.crypto.RootKey;
import io.spike.crypto.Shamir;
import io.spike.crypto.Shard;
import io.spike.pilot.cli.CliFailure;
import java.io.PrintStream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;

/**
 * The one-shot seeding of a new SPIKE system (DESIGN §1, §7):
 *
 * <ol>
 *   <li>ask Nexus for its status (retrying while it starts) and refuse if it already has a root
 *       key: bootstrap never replaces one;
 *   <li>make a root key, split it into Shamir shards and give keeper i shard i (bounded retries per
 *       keeper; failing names the keeper);
 *   <li>prove Nexus rebuilt the same key: send random text encrypted under it and compare Nexus's
 *       SHA-256 of the decryption with ours.
 * </ol>
 *
 * Security: the key, shards and text are wiped when done, whatever happens; progress lines never
 * show them.
 */
public final class Bootstrap {
  static final RetryPolicy STATUS =
      new RetryPolicy(40, Duration.ofMillis(250), Duration.ofSeconds(2));
  static final RetryPolicy KEEPER =
      new RetryPolicy(30, Duration.ofMillis(250), Duration.ofSeconds(2));

  private final NexusClient nexus;
  private final List<KeeperTarget> keepers;
  private final int threshold;
  private final SecureRandom random;
  private final Retry retry;
  private final PrintStream log;

  /** One keeper to seed: its URL (for messages) and its client. */
  public record KeeperTarget(URI url, KeeperClient client) {}

  public Bootstrap(
      NexusClient nexus,
      List<KeeperTarget> keepers,
      int threshold,
      SecureRandom random,
      Sleeper sleeper,
      PrintStream log) {
    this.nexus = nexus;
    this.keepers = List.copyOf(keepers);
    this.threshold = threshold;
    this.random = random;
    this.retry = new Retry(sleeper);
    this.log = log;
  }

  /** Runs the three steps; throws {@link CliFailure} with what went wrong and what to do. */
  public void run() {
    refuseIfInitialized();
    log.println(
        "bootstrap: making a root key ("
            + keepers.size()
            + " shares, threshold "
            + threshold
            + ")");
    RootKey key = RootKey.generate(random);
    List<Shard> shards = Shamir.split(key, keepers.size(), threshold);
    try {
      for (int i = 0; i < keepers.size(); i++) {
        seed(keepers.get(i), shards.get(i));
      }
      new BootstrapVerifier(nexus, retry, random).verify(key);
      log.println("bootstrap complete");
    } finally {
      key.destroy();
      shards.forEach(Shard::destroy);
    }
  }

  private void refuseIfInitialized() {
    StatusResponse status;
    try {
      status = retry.run(STATUS, nexus::status, Bootstrap::transientFailure);
    } catch (ApiUnreachableException e) {
      throw new CliFailure(
          "cannot reach Nexus at "
              + nexus.http().base()
              + ": "
              + e.getMessage()
              + "; is it running?",
          e);
    } catch (ApiException e) {
      throw new CliFailure("Nexus refused the status request: " + e.getMessage(), e);
    }
    if (status.initialized()) {
      throw new CliFailure(
          "Nexus already has a root key; bootstrap refuses to replace it"
              + " (use spike operator restore, or reset the store)");
    }
  }

  private void seed(KeeperTarget keeper, Shard shard) {
    ShardValue wire = shard.withValueBytes(ShardValue::ofBytes);
    String where = "keeper " + shard.id() + " at " + keeper.url();
    try {
      retry.run(
          KEEPER,
          () -> {
            keeper.client().contribute(wire);
            return Boolean.TRUE;
          },
          Bootstrap::transientFailure);
      log.println("bootstrap: keeper " + shard.id() + " (" + keeper.url() + ") holds its shard");
    } catch (ApiUnreachableException e) {
      throw new CliFailure(
          "cannot seed "
              + where
              + ": "
              + e.getMessage()
              + "; is it running, and is its SPIFFE ID a keeper's?",
          e);
    } catch (ApiException e) {
      throw new CliFailure(
          where
              + " refused its shard: "
              + e.getMessage()
              + (e.code() == ErrorCode.UNAUTHORIZED
                  ? "; is this process's SPIFFE ID spiffe://<trust domain>/spike/bootstrap?"
                  : e.code() == ErrorCode.CONFLICT
                      ? "; keepers refuse to be re-seeded: it holds a shard of a live system or of an earlier bootstrap"
                          + " that did not finish; restart that keeper (its shard lives in memory only) if the system"
                          + " is not live, then bootstrap again"
                      : ""),
          e);
    } finally {
      wire.destroy();
    }
  }

  /** Worth retrying: no answer (except a failed TLS handshake), or a 429 or 5xx answer. */
  static boolean transientFailure(RuntimeException e) {
    if (e instanceof ApiUnreachableException) {
      return !causedBy(e, SSLException.class);
    }
    if (e instanceof ApiException) {
      int status = ((ApiException) e).status();
      return status == 429 || status >= 500;
    }
    return false;
  }

  static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  /** Exposes the predicate to the verifier. */
  static Predicate<RuntimeException> transientFailures() {
    return Bootstrap::transientFailure;
  }
}
