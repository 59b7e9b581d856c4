package io.spike.nexus;

import io.spike.config.Environment;
import io.spike.config.Parser.HostPort;
import io.spike.config.SettingException;
import io.spike.config.Settings;
import io.spike.identity.Role;
import io.spike.identity.SpiffeId;
import io.spike.identity.TrustRoots;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every setting of Nexus, in small records by concern, read through the settings registry ({@code
 * io.spike.config.Settings}, which holds each variable's name, default and form) and validated on
 * construction: a {@link SettingException} names the variable to fix. Built once at start and
 * frozen (records of immutable values). The store is configured separately ({@code
 * io.spike.store.StoreConfig}).
 *
 * @param trust who holds which role: {@code SPIKE_TRUST_ROOT} (workloads) and the {@code
 *     SPIKE_TRUST_ROOT_*} lists ({@link TrustRoots})
 * @param api the mTLS API listener ({@link Api})
 * @param ops the plain-HTTP operations listener ({@link Ops})
 * @param shamir how the root key is split ({@link Shamir})
 * @param keepers who holds the shards ({@link Keepers})
 * @param recovery waits while sealed and while restoring ({@link Recovery})
 * @param backups the schedule of backups ({@link Backups})
 * @param audit the audit log ({@link Audit})
 * @param limits what one caller may make Nexus store ({@link Limits})
 */
public record NexusConfig(
    TrustRoots trust,
    Api api,
    Ops ops,
    Shamir shamir,
    Keepers keepers,
    Recovery recovery,
    Backups backups,
    Audit audit,
    Limits limits) {

  public NexusConfig {
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(ops, "ops");
    Objects.requireNonNull(shamir, "shamir");
    Objects.requireNonNull(keepers, "keepers");
    Objects.requireNonNull(recovery, "recovery");
    Objects.requireNonNull(backups, "backups");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(limits, "limits");
    if (keepers.peers().size() != shamir.shares()) {
      throw new SettingException(
          Settings.KEEPER_PEERS.name()
              + " lists "
              + keepers.peers().size()
              + " keeper(s) but "
              + Settings.SHAMIR_SHARES.name()
              + " is "
              + shamir.shares()
              + "; list exactly one https URL per share");
    }
    for (SpiffeId id : keepers.ids()) {
      if (!trust.holds(Role.KEEPER, id)) {
        throw Settings.KEEPER_IDS.refuse(
            "must list keeper IDs of "
                + String.join(" or ", trust.keeper())
                + " (spiffe://"
                + trust.keeper().get(0)
                + "/spike/keeper/...; "
                + Settings.TRUST_ROOT_KEEPER.name()
                + " lists the keepers' trust domains), not "
                + id);
      }
    }
  }

  /** {@code SPIKE_TRUST_ROOT}: the trust domain of workloads. */
  public String trustDomain() {
    return trust.workloads();
  }

  /**
   * The mTLS API listener.
   *
   * @param host {@code SPIKE_NEXUS_TLS_ADDR}
   * @param port {@code SPIKE_NEXUS_TLS_PORT} (0: any free port)
   * @param maxRequestBytes {@code SPIKE_NEXUS_MAX_REQUEST_BYTES}: the largest JSON body read
   * @param maxSnapshotBytes {@code SPIKE_NEXUS_MAX_SNAPSHOT_BYTES}: the largest snapshot {@code
   *     /v1/operator/snapshot?action=verify} accepts (the JSON limit does not apply there)
   */
  public record Api(String host, int port, int maxRequestBytes, long maxSnapshotBytes) {
    public Api {
      requireHost(Settings.NEXUS_TLS_ADDR.name(), host);
      requirePort(Settings.NEXUS_TLS_PORT.name(), port);
      if (maxRequestBytes < 1024 || maxRequestBytes > 64 * 1024 * 1024) {
        throw Settings.NEXUS_MAX_REQUEST_BYTES.refuse("must be between 1024 and 67108864 bytes");
      }
      if (maxSnapshotBytes < 1024 || maxSnapshotBytes > (1L << 40)) {
        throw Settings.MAX_SNAPSHOT_BYTES.refuse("is out of range");
      }
    }
  }

  /**
   * The operations listener ({@code /healthz}, {@code /readyz}, {@code /metrics}).
   *
   * @param host host part of {@code SPIKE_NEXUS_OPS_ADDR}
   * @param port port part of {@code SPIKE_NEXUS_OPS_ADDR} (0: any free port)
   */
  public record Ops(String host, int port) {
    public Ops {
      requireHost(Settings.NEXUS_OPS_ADDR.name(), host);
      requirePort(Settings.NEXUS_OPS_ADDR.name(), port);
    }
  }

  /**
   * How the root key is split.
   *
   * @param shares {@code SPIKE_NEXUS_SHAMIR_SHARES}, 1..255
   * @param threshold {@code SPIKE_NEXUS_SHAMIR_THRESHOLD}, 1..shares
   */
  public record Shamir(int shares, int threshold) {
    public Shamir {
      if (shares < 1 || shares > 255) {
        throw Settings.SHAMIR_SHARES.refuse("must be between 1 and 255");
      }
      if (threshold < 1 || threshold > shares) {
        throw new SettingException(
            Settings.SHAMIR_THRESHOLD.name()
                + " must be between 1 and "
                + Settings.SHAMIR_SHARES.name()
                + " ("
                + shares
                + ")");
      }
    }
  }

  /**
   * The keepers.
   *
   * @param peers {@code SPIKE_NEXUS_KEEPER_PEERS}: one https URL per share, keeper i holds shard i
   * @param ids {@code SPIKE_NEXUS_KEEPER_IDS}: the SPIFFE ID each keeper must present, in the order
   *     of {@code peers}; Nexus gives shard i only to keeper i's ID
   * @param updateInterval {@code SPIKE_NEXUS_KEEPER_UPDATE_INTERVAL}: how often each keeper gets
   *     its shard, at least 100ms
   */
  public record Keepers(List<URI> peers, List<SpiffeId> ids, Duration updateInterval) {
    public Keepers {
      peers = List.copyOf(peers);
      ids = List.copyOf(ids);
      peers.forEach(NexusConfig::requireKeeperUrl);
      if (ids.size() != peers.size()) {
        throw new SettingException(
            Settings.KEEPER_IDS.name()
                + " lists "
                + ids.size()
                + " SPIFFE ID(s) but "
                + Settings.KEEPER_PEERS.name()
                + " lists "
                + peers.size()
                + " keeper(s); list one per keeper, in the same order");
      }
      if (updateInterval.isNegative() || updateInterval.toMillis() < 100) {
        throw Settings.KEEPER_UPDATE_INTERVAL.refuse("must be at least 100ms");
      }
    }
  }

  /**
   * Waits while sealed and while restoring.
   *
   * @param backoffInitial first wait between keeper polls while sealed (0.5 s)
   * @param backoffMax cap of that wait (5 s)
   * @param restoreTtl {@code SPIKE_NEXUS_RESTORE_TTL}: a partial set of restore shards is wiped
   *     this long after the last accepted shard; 100ms..24h
   */
  public record Recovery(Duration backoffInitial, Duration backoffMax, Duration restoreTtl) {
    /** The waits between keeper polls while sealed, unless a test asks for shorter ones. */
    static final Duration BACKOFF_INITIAL = Duration.ofMillis(500);

    static final Duration BACKOFF_MAX = Duration.ofSeconds(5);

    public Recovery {
      if (backoffInitial.toMillis() < 1 || backoffMax.compareTo(backoffInitial) < 0) {
        throw new IllegalArgumentException("recovery backoff needs 1ms <= initial <= max");
      }
      if (restoreTtl.toMillis() < 100 || restoreTtl.compareTo(Duration.ofDays(1)) > 0) {
        throw Settings.RESTORE_TTL.refuse("must be between 100ms and 24h");
      }
    }
  }

  /**
   * The audit log.
   *
   * @param log {@code SPIKE_NEXUS_AUDIT_LOG}: the file; when unset, {@code NexusMain} uses {@code
   *     <data dir>/audit.log} for SQLite and PostgreSQL (the data directory has its default
   *     whatever the backend), and runs without an audit log on the memory backend (development
   *     only)
   * @param name {@code SPIKE_NEXUS_AUDIT_NAME}: the name its anchor is kept under in the store;
   *     default {@code <host name>:<absolute path of the log>}. Replicas sharing a store need
   *     distinct names (the default gives them, unless two hosts share a name and a path).
   * @param acceptGap {@code SPIKE_NEXUS_AUDIT_ACCEPT_GAP}: the anchored hash of a log that no
   *     longer reaches its anchor, to accept that gap once (see {@code FileAuditLog})
   */
  public record Audit(Optional<Path> log, Optional<String> name, Optional<String> acceptGap) {
    public Audit {
      log = Objects.requireNonNull(log, "log").map(Path::toAbsolutePath);
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(acceptGap, "acceptGap");
      if (acceptGap.isPresent() && !acceptGap.get().matches("[0-9a-f]{64}")) {
        throw Settings.AUDIT_ACCEPT_GAP.refuse("is not 64 hex digits");
      }
    }

    /** No audit log. */
    public static Audit none() {
      return new Audit(Optional.empty(), Optional.empty(), Optional.empty());
    }
  }

  /**
   * What one caller may make Nexus store.
   *
   * @param maxSecretVersions {@code SPIKE_NEXUS_MAX_SECRET_VERSIONS}: versions kept per path
   * @param maxSecretPaths {@code SPIKE_NEXUS_MAX_SECRET_PATHS} (0: no limit): a put that would
   *     create a path beyond it is refused with 409 {@code state_limit_reached}
   * @param maxSecretBytes {@code SPIKE_NEXUS_MAX_SECRET_BYTES}: keys and values of one version
   *     together
   * @param maxValueBytes {@code SPIKE_NEXUS_MAX_VALUE_BYTES}: one value (UTF-8)
   */
  public record Limits(
      int maxSecretVersions, long maxSecretPaths, int maxSecretBytes, int maxValueBytes) {
    /** The registry's defaults: 10 versions, 1,000,000 paths, 256 KiB a secret, 64 KiB a value. */
    public static final Limits DEFAULT =
        new Limits(
            Settings.MAX_SECRET_VERSIONS.defaultValue().orElseThrow(),
            Settings.MAX_SECRET_PATHS.defaultValue().orElseThrow(),
            Settings.MAX_SECRET_BYTES.defaultValue().orElseThrow(),
            Settings.MAX_VALUE_BYTES.defaultValue().orElseThrow());

    public Limits {
      if (maxSecretVersions < 1 || maxSecretVersions > 1000) {
        throw Settings.MAX_SECRET_VERSIONS.refuse("must be between 1 and 1000");
      }
      if (maxSecretPaths < 0) {
        throw Settings.MAX_SECRET_PATHS.refuse("must be 0 (no limit) or more");
      }
      if (maxValueBytes < 1 || maxSecretBytes < maxValueBytes) {
        throw new SettingException(
            Settings.MAX_VALUE_BYTES.name()
                + " must be at least 1 and at most "
                + Settings.MAX_SECRET_BYTES.name());
      }
    }
  }

  /**
   * Where and when Nexus backs itself up.
   *
   * @param dir {@code SPIKE_NEXUS_BACKUP_DIR}; empty (unset): no directory shortcut
   * @param target {@code SPIKE_NEXUS_BACKUP_TARGET}: a target URL (a directory path, {@code
   *     file:///dir}, {@code s3://bucket/prefix?...}); empty (unset): {@code dir}, if set. Both set
   *     is refused.
   * @param interval {@code SPIKE_NEXUS_BACKUP_INTERVAL}, at least 1s (file names have one-second
   *     resolution)
   * @param retain {@code SPIKE_NEXUS_BACKUP_RETAIN}: how many of the newest snapshots at the target
   *     are kept
   * @param changelogInterval {@code SPIKE_NEXUS_CHANGELOG_INTERVAL}: time between shipments of the
   *     change log, 100ms..1h
   * @param verifyInterval {@code SPIKE_NEXUS_BACKUP_VERIFY_INTERVAL}: time between verifications of
   *     the newest backup, at least 1s
   */
  public record Backups(
      Optional<Path> dir,
      Optional<String> target,
      Duration interval,
      int retain,
      Duration changelogInterval,
      Duration verifyInterval) {
    public Backups {
      dir = Objects.requireNonNull(dir, "dir").map(Path::toAbsolutePath);
      target = Objects.requireNonNull(target, "target");
      if (dir.isPresent() && target.isPresent()) {
        throw Settings.BACKUP_TARGET.refuse(
            "cannot be set together with " + Settings.BACKUP_DIR.name() + "; set one of them");
      }
      if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
        throw Settings.BACKUP_INTERVAL.refuse("must be at least 1s");
      }
      if (retain < 1) {
        throw Settings.BACKUP_RETAIN.refuse("must be at least 1 (the newest snapshots to keep)");
      }
      if (changelogInterval.compareTo(Duration.ofMillis(100)) < 0
          || changelogInterval.compareTo(Duration.ofHours(1)) > 0) {
        throw Settings.CHANGELOG_INTERVAL.refuse("must be between 100ms and 1h");
      }
      if (verifyInterval.compareTo(Duration.ofSeconds(1)) < 0) {
        throw Settings.BACKUP_VERIFY_INTERVAL.refuse("must be at least 1s");
      }
    }

    /** The backups of the old form: a directory (or none) with the default intervals. */
    public Backups(Optional<Path> dir, Duration interval, int retain) {
      this(
          dir,
          Optional.empty(),
          interval,
          retain,
          Settings.CHANGELOG_INTERVAL.defaultValue().orElseThrow(),
          Settings.BACKUP_VERIFY_INTERVAL.defaultValue().orElseThrow());
    }

    /** The target URL backups go to: {@code target}, else {@code dir}'s path; empty: off. */
    public Optional<String> targetUrl() {
      return target.or(() -> dir.map(Path::toString));
    }
  }

  /**
   * Reads every setting from {@code env} (e.g. {@code System::getenv}; unset is {@code null}).
   *
   * @throws SettingException naming the variable whose value is unusable
   */
  public static NexusConfig fromEnvironment(Function<String, String> variables) {
    Environment env = Environment.of(variables);
    TrustRoots trust = TrustRoots.from(env);
    HostPort ops = env.get(Settings.NEXUS_OPS_ADDR);
    int shares = env.get(Settings.SHAMIR_SHARES);
    List<URI> peers =
        env.find(Settings.KEEPER_PEERS).orElseGet(() -> Settings.defaultKeeperPeers(shares));
    return new NexusConfig(
        trust,
        new Api(
            env.get(Settings.NEXUS_TLS_ADDR),
            env.get(Settings.NEXUS_TLS_PORT),
            env.get(Settings.NEXUS_MAX_REQUEST_BYTES),
            env.get(Settings.MAX_SNAPSHOT_BYTES)),
        new Ops(ops.host(), ops.port()),
        new Shamir(shares, env.get(Settings.SHAMIR_THRESHOLD)),
        new Keepers(
            peers,
            keeperIds(env, trust.keeper().get(0), peers.size()),
            env.get(Settings.KEEPER_UPDATE_INTERVAL)),
        new Recovery(Recovery.BACKOFF_INITIAL, Recovery.BACKOFF_MAX, env.get(Settings.RESTORE_TTL)),
        new Backups(
            env.find(Settings.BACKUP_DIR),
            env.find(Settings.BACKUP_TARGET),
            env.get(Settings.BACKUP_INTERVAL),
            env.get(Settings.BACKUP_RETAIN),
            env.get(Settings.CHANGELOG_INTERVAL),
            env.get(Settings.BACKUP_VERIFY_INTERVAL)),
        new Audit(
            env.find(Settings.AUDIT_LOG),
            env.find(Settings.AUDIT_NAME),
            env.find(Settings.AUDIT_ACCEPT_GAP)),
        new Limits(
            env.get(Settings.MAX_SECRET_VERSIONS),
            env.get(Settings.MAX_SECRET_PATHS),
            env.get(Settings.MAX_SECRET_BYTES),
            env.get(Settings.MAX_VALUE_BYTES)));
  }

  /** {@code SPIKE_NEXUS_AUDIT_LOG}, if set (or defaulted by {@code NexusMain}). */
  public Optional<Path> auditLog() {
    return audit.log();
  }

  /** The same settings with the audit log at {@code file}. */
  public NexusConfig withAuditLog(Path file) {
    return with(recovery, new Audit(Optional.of(file), audit.name(), audit.acceptGap()));
  }

  /**
   * The same settings with another wait between keeper polls while sealed (tests use short ones).
   */
  public NexusConfig withRecoveryBackoff(Duration initial, Duration max) {
    return with(new Recovery(initial, max, recovery.restoreTtl()), audit);
  }

  private NexusConfig with(Recovery newRecovery, Audit newAudit) {
    return new NexusConfig(
        trust, api, ops, shamir, keepers, newRecovery, backups, newAudit, limits);
  }

  /** The listed keeper IDs, or keeper i at {@code /spike/keeper/i} of {@code trustDomain}. */
  private static List<SpiffeId> keeperIds(Environment env, String trustDomain, int keepers) {
    Optional<List<String>> listed = env.find(Settings.KEEPER_IDS);
    List<SpiffeId> ids = new ArrayList<>();
    if (listed.isEmpty()) {
      for (int i = 1; i <= keepers; i++) {
        ids.add(SpiffeId.of(trustDomain, Role.KEEPER.path() + "/" + i));
      }
      return ids;
    }
    for (String id : listed.get()) {
      try {
        ids.add(SpiffeId.parse(id));
      } catch (IllegalArgumentException e) {
        throw Settings.KEEPER_IDS.refuse("holds a malformed SPIFFE ID: " + id);
      }
    }
    return ids;
  }

  private static void requireKeeperUrl(URI url) {
    if (!"https".equals(url.getScheme() == null ? null : url.getScheme().toLowerCase(Locale.ROOT))
        || url.getHost() == null) {
      throw Settings.KEEPER_PEERS.refuse("must list https URLs with a host, not " + url);
    }
  }

  private static void requireHost(String variable, String host) {
    if (host == null || host.isBlank()) {
      throw new SettingException(variable + " needs a host or bind address");
    }
  }

  private static void requirePort(String variable, int port) {
    if (port < 0 || port > 65535) {
      throw new SettingException(variable + " needs a port number 0..65535");
    }
  }
}
