package io.spike.nexus;

import io.spike.api.KeeperClient;
import io.spike.api.SpikeHttp;
import io.spike.identity.SpiffeId;
import io.spike.identity.SvidSource;
import io.spike.identity.SvidSources;
import io.spike.identity.TlsContexts;
import io.spike.identity.TrustRoots;
import io.spike.nexus.audit.AuditLog;
import io.spike.nexus.audit.AuditShipper;
import io.spike.nexus.audit.FileAuditLog;
import io.spike.nexus.backup.BackupRoutes;
import io.spike.nexus.backup.BackupScheduler;
import io.spike.nexus.backup.BackupVerifier;
import io.spike.nexus.backup.Snapshots;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.changelog.ChangeShipper;
import io.spike.nexus.cipher.CipherRoutes;
import io.spike.nexus.http.ErrorMapping;
import io.spike.nexus.http.OpsHandler;
import io.spike.nexus.operator.Escrow;
import io.spike.nexus.operator.KeyChanges;
import io.spike.nexus.operator.KeyRotation;
import io.spike.nexus.operator.OperatorRateLimit;
import io.spike.nexus.operator.OperatorRoutes;
import io.spike.nexus.operator.PasswordAttempts;
import io.spike.nexus.operator.Reencryption;
import io.spike.nexus.ops.NexusMetrics;
import io.spike.nexus.ops.RequestMetrics;
import io.spike.nexus.ops.StoreCondition;
import io.spike.nexus.policy.Authorizer;
import io.spike.nexus.policy.Policies;
import io.spike.nexus.policy.PolicyRoutes;
import io.spike.nexus.recovery.KeeperHealth;
import io.spike.nexus.recovery.KeeperLink;
import io.spike.nexus.recovery.KeeperSync;
import io.spike.nexus.recovery.RestoreSession;
import io.spike.nexus.recovery.StoredCommitments;
import io.spike.nexus.secrets.SecretRoutes;
import io.spike.nexus.secrets.Secrets;
import io.spike.nexus.sys.StatusSources;
import io.spike.nexus.sys.SysRoutes;
import io.spike.server.JettyServers;
import io.spike.server.pipeline.Pipeline;
import io.spike.server.pipeline.RouteTable;
import io.spike.store.SpikeStore;
import io.spike.store.SystemKey;
import io.spike.store.target.BackupTarget;
import io.spike.store.target.BackupTargets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Nexus, and the one place where its parts are wired together.
 *
 * <p>{@link #start} builds the barrier (sealed), secrets, policies and authorizer, the operator
 * side (restore session, escrow, key rotation, rate limits), snapshots, the backup schedule and its
 * verification, registers every route next to its guard, starts the mTLS API and the operations
 * port, and starts {@link KeeperSync}, which unseals Nexus from its keepers in the background,
 * {@link BackupScheduler} and {@link BackupVerifier}. Every request goes through the shared {@link
 * Pipeline}; with {@link NexusConfig#auditLog()} set, the {@link FileAuditLog} gets each request's
 * line before its route runs and its outcome before the answer leaves. The API serves at once (503
 * on data routes until unsealed; restore and unseal can unseal it too). {@link #close} stops
 * everything, wipes any restore shards and destroys the root key; the store belongs to the caller,
 * who closes it.
 */
public final class NexusServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NexusServer.class);

  private final Barrier barrier;
  private final Server api;
  private final Server ops;
  private final RouteTable routes;

  /** What {@link #close} does, in this order. */
  private final List<Runnable> shutdown;

  private NexusServer(
      Barrier barrier, Server api, Server ops, RouteTable routes, List<Runnable> shutdown) {
    this.barrier = barrier;
    this.api = api;
    this.ops = ops;
    this.routes = routes;
    this.shutdown = shutdown;
  }

  /**
   * Wires and starts Nexus.
   *
   * @throws IllegalStateException when a port cannot be bound (the message names it)
   */
  public static NexusServer start(NexusConfig config, SvidSource source, SpikeStore store) {
    // Rotations are served as they come; a rotation to another SPIFFE ID is not (it would change
    // the role Nexus holds at its keepers and clients).
    SvidSource svid = SvidSources.pinned(source);
    Clock clock = Clock.systemUTC();
    TrustRoots trust = config.trust();
    // First: an audit log that cannot be opened stops start-up before anything else runs.
    Optional<BackupTarget> auditTarget =
        config.auditLog().flatMap(f -> config.backups().targetUrl()).map(BackupTargets::open);
    AuditLog audit =
        config.auditLog().isPresent()
            ? FileAuditLog.open(config.audit(), store, clock, Duration.ofSeconds(1), auditTarget)
            : AuditLog.disabled();

    SecureRandom random = new SecureRandom();
    Barrier barrier = new Barrier(() -> store.system(SystemKey.KEYRING));
    Policies policies = new Policies(store, barrier, clock);
    Authorizer authorizer = new Authorizer(trust, policies);
    Secrets secrets =
        new Secrets(store, barrier, clock, config.limits().maxSecretVersions(), config.limits());

    List<KeeperLink> keepers = keeperLinks(config, svid);
    KeeperHealth health = new KeeperHealth(keepers, clock);
    KeeperSync sync =
        new KeeperSync(
            keepers,
            barrier,
            store,
            health,
            config.shamir().shares(),
            config.shamir().threshold(),
            config.keepers().updateInterval(),
            config.recovery().backoffInitial(),
            config.recovery().backoffMax());

    RestoreSession restore =
        new RestoreSession(
            store,
            barrier,
            config.shamir().shares(),
            config.shamir().threshold(),
            config.recovery().restoreTtl(),
            clock);
    OperatorRateLimit operatorLimit = OperatorRateLimit.perMinute(clock);
    KeyChanges keyChanges = new KeyChanges(store, barrier, new ReentrantLock(), random);
    Escrow escrow = new Escrow(keyChanges, new PasswordAttempts(clock));
    KeyRotation rotation =
        new KeyRotation(keyChanges, sync, config.shamir().shares(), config.shamir().threshold());

    NexusMetrics metrics =
        new NexusMetrics(
            barrier,
            health,
            store,
            () -> restore.progress().collected(),
            config.shamir().threshold());
    StoreCondition storeCondition = new StoreCondition(store, clock, metrics.registry());
    Snapshots snapshots = new Snapshots(store, barrier);
    BackupScheduler backups =
        new BackupScheduler(config.backups(), snapshots, barrier, clock, metrics.registry());
    AuditShipper auditShipper =
        AuditShipper.of(
            audit, auditTarget, config.backups().changelogInterval(), metrics.registry());
    BackupVerifier backupChecks =
        new BackupVerifier(
            config.backups(),
            barrier,
            clock,
            metrics.registry(),
            BackupVerifier.ChangeLogCheck.SHIPPED);
    ChangeShipper changes =
        new ChangeShipper(
            config.backups().targetUrl().map(BackupTargets::open),
            config.backups().changelogInterval(),
            store,
            barrier,
            clock,
            metrics.registry());

    RouteTable.Builder table = RouteTable.builder();
    SecretRoutes.register(table, secrets, authorizer);
    PolicyRoutes.register(table, policies, authorizer);
    CipherRoutes.register(table, barrier, authorizer);
    OperatorRoutes.register(
        table,
        trust,
        barrier,
        operatorLimit,
        restore,
        escrow,
        rotation,
        new Reencryption(keyChanges, secrets, policies, metrics.registry()),
        new StoredCommitments(store, config.shamir().shares(), config.shamir().threshold()),
        config.shamir().shares(),
        config.shamir().threshold());
    BackupRoutes.register(table, trust, snapshots, barrier, clock, config.api().maxSnapshotBytes());
    SysRoutes.register(
        table,
        trust,
        barrier,
        store,
        new StatusSources(
            config.shamir().shares(),
            config.shamir().threshold(),
            health::snapshot,
            restore::progress,
            backups::lastSuccess,
            audit::anchor,
            backupChecks::lastVerified));
    RouteTable routes = table.build();

    Server api =
        JettyServers.tls(
            config.api().host(),
            config.api().port(),
            TlsContexts.server(svid, trust),
            Pipeline.builder(routes, config.api().maxRequestBytes())
                .sealed(barrier::isSealed, "nexus is sealed; waiting for the root key")
                .audit(audit)
                .failures(new ErrorMapping(storeCondition))
                .observer(new RequestMetrics(metrics.registry()))
                .build());
    Server ops =
        JettyServers.plain(
            config.ops().host(),
            config.ops().port(),
            new OpsHandler(barrier, metrics, storeCondition));
    NexusServer nexus =
        new NexusServer(
            barrier,
            api,
            ops,
            routes,
            List.of(
                backups::close,
                backupChecks::close,
                changes::close,
                sync::close,
                restore::close,
                () -> stopQuietly(api),
                () -> stopQuietly(ops),
                audit::close,
                auditShipper::close,
                metrics::close,
                barrier::seal));
    try {
      start(api, "API", config.api().host(), config.api().port());
      start(ops, "operations", config.ops().host(), config.ops().port());
    } catch (RuntimeException e) {
      nexus.close();
      throw e;
    }
    sync.start();
    backups.start();
    auditShipper.start();
    backupChecks.start();
    changes.start();
    LOG.info(
        "nexus {} serving the API on https://{}:{} and operations on http://{}:{} ({} store, {} of {} "
            + "keepers needed); sealed until the keepers answer",
        svid.id(),
        config.api().host(),
        nexus.port(),
        config.ops().host(),
        nexus.opsPort(),
        store.backend(),
        config.shamir().threshold(),
        config.shamir().shares());
    return nexus;
  }

  /** The API port (the real one when configured with 0). */
  public int port() {
    return JettyServers.port(api);
  }

  /** The operations port. */
  public int opsPort() {
    return JettyServers.port(ops);
  }

  /** The API's routes (for the test that keeps docs/HTTP-API.md complete). */
  RouteTable routes() {
    return routes;
  }

  /** Whether Nexus still waits for its root key. */
  public boolean isSealed() {
    return barrier.isSealed();
  }

  /** Stops backups and serving, stops the keeper sync, and destroys the root key. Idempotent. */
  @Override
  public void close() {
    shutdown.forEach(Runnable::run);
  }

  /**
   * One link per keeper; each checks, at the TLS handshake, that the keeper presents exactly the
   * SPIFFE ID configured for its position ({@link NexusConfig#keeperIds()}), so shard i goes only
   * to keeper i and is read back only from it: a stolen SVID of keeper 2 at keeper 1's address gets
   * nothing.
   */
  private static List<KeeperLink> keeperLinks(NexusConfig config, SvidSource svid) {
    List<KeeperLink> links = new ArrayList<>();
    for (int i = 0; i < config.keepers().peers().size(); i++) {
      SpiffeId expected = config.keepers().ids().get(i);
      SSLContext toKeeper = TlsContexts.client(svid, config.trust(), expected::equals);
      SpikeHttp http =
          new SpikeHttp(
              config.keepers().peers().get(i),
              toKeeper,
              Duration.ofSeconds(3),
              Duration.ofSeconds(10));
      links.add(new KeeperLink(i + 1, config.keepers().peers().get(i), new KeeperClient(http)));
    }
    return links;
  }

  private static void start(Server server, String what, String host, int port) {
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot serve the " + what + " on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.debug("stopping jetty failed", e);
    }
  }
}
