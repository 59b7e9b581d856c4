package io.spike.nexus;

import io.spike.api.Durations;
import io.spike.identity.Role;
import io.spike.identity.SpiffeId;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every setting of Nexus, validated on construction (an {@link IllegalArgumentException} names the
 * variable to fix). Frozen once the server starts. The store is configured separately ({@code
 * io.spike.store.StoreConfig}).
 *
 * @param tlsHost {@code SPIKE_NEXUS_TLS_ADDR}, default {@code 0.0.0.0}
 * @param tlsPort {@code SPIKE_NEXUS_TLS_PORT}, default 8553 (0: any free port)
 * @param opsHost host part of {@code SPIKE_NEXUS_OPS_ADDR}, default {@code 127.0.0.1}
 * @param opsPort port part of {@code SPIKE_NEXUS_OPS_ADDR}, default 8554 (0: any free port)
 * @param maxRequestBytes {@code SPIKE_NEXUS_MAX_REQUEST_BYTES}, default 1 MiB
 * @param shares {@code SPIKE_NEXUS_SHAMIR_SHARES}, default 3
 * @param threshold {@code SPIKE_NEXUS_SHAMIR_THRESHOLD}, default 2
 * @param keeperPeers {@code SPIKE_NEXUS_KEEPER_PEERS}: one https URL per share, keeper i holds
 *     shard i; default {@code https://localhost:8443}, {@code :8543}, {@code :8643}, ... (one per
 *     share)
 * @param keeperUpdateInterval {@code SPIKE_NEXUS_KEEPER_UPDATE_INTERVAL}, default 5m
 * @param maxSecretVersions {@code SPIKE_NEXUS_MAX_SECRET_VERSIONS}, default 10
 * @param trustDomain {@code SPIKE_TRUST_ROOT}, default {@code spike.ist}
 * @param recoveryBackoffInitial first wait between keeper polls while sealed (0.5 s)
 * @param recoveryBackoffMax cap of that wait (5 s)
 * @param restoreTtl {@code SPIKE_NEXUS_RESTORE_TTL}, default 10m: a partial set of restore shards
 *     is wiped this long after the last accepted shard
 * @param maxSnapshotBytes {@code SPIKE_NEXUS_MAX_SNAPSHOT_BYTES}, default 4 GiB: the largest
 *     snapshot {@code /v1/operator/snapshot?action=verify} accepts (the JSON limit does not apply
 *     there)
 * @param backups the schedule of backups ({@link Backups})
 * @param audit the audit log ({@link Audit})
 * @param keeperIds {@code SPIKE_NEXUS_KEEPER_IDS}: the SPIFFE ID each keeper must present, in the
 *     order of {@code keeperPeers}; Nexus gives shard i only to keeper i's ID. Default {@code
 *     spiffe://<trust domain>/spike/keeper/<i>}
 * @param limits what one caller may make Nexus store ({@link Limits})
 */
public record NexusConfig(
    String tlsHost,
    int tlsPort,
    String opsHost,
    int opsPort,
    int maxRequestBytes,
    int shares,
    int threshold,
    List<URI> keeperPeers,
    Duration keeperUpdateInterval,
    int maxSecretVersions,
    String trustDomain,
    Duration recoveryBackoffInitial,
    Duration recoveryBackoffMax,
    Duration restoreTtl,
    long maxSnapshotBytes,
    Backups backups,
    Audit audit,
    List<SpiffeId> keeperIds,
    Limits limits) {

  public static final String TLS_PORT_ENV = "SPIKE_NEXUS_TLS_PORT";
  public static final String TLS_ADDR_ENV = "SPIKE_NEXUS_TLS_ADDR";
  public static final String OPS_ADDR_ENV = "SPIKE_NEXUS_OPS_ADDR";
  public static final String MAX_REQUEST_BYTES_ENV = "SPIKE_NEXUS_MAX_REQUEST_BYTES";
  public static final String SHARES_ENV = "SPIKE_NEXUS_SHAMIR_SHARES";
  public static final String THRESHOLD_ENV = "SPIKE_NEXUS_SHAMIR_THRESHOLD";
  public static final String KEEPER_PEERS_ENV = "SPIKE_NEXUS_KEEPER_PEERS";
  public static final String KEEPER_UPDATE_INTERVAL_ENV = "SPIKE_NEXUS_KEEPER_UPDATE_INTERVAL";
  public static final String MAX_SECRET_VERSIONS_ENV = "SPIKE_NEXUS_MAX_SECRET_VERSIONS";
  public static final String RESTORE_TTL_ENV = "SPIKE_NEXUS_RESTORE_TTL";
  public static final String MAX_SNAPSHOT_BYTES_ENV = "SPIKE_NEXUS_MAX_SNAPSHOT_BYTES";
  public static final String BACKUP_DIR_ENV = "SPIKE_NEXUS_BACKUP_DIR";
  public static final String BACKUP_INTERVAL_ENV = "SPIKE_NEXUS_BACKUP_INTERVAL";
  public static final String BACKUP_RETAIN_ENV = "SPIKE_NEXUS_BACKUP_RETAIN";
  public static final String AUDIT_LOG_ENV = "SPIKE_NEXUS_AUDIT_LOG";
  public static final String AUDIT_NAME_ENV = "SPIKE_NEXUS_AUDIT_NAME";
  public static final String AUDIT_ACCEPT_GAP_ENV = "SPIKE_NEXUS_AUDIT_ACCEPT_GAP";
  public static final String KEEPER_IDS_ENV = "SPIKE_NEXUS_KEEPER_IDS";
  public static final String MAX_SECRET_PATHS_ENV = "SPIKE_NEXUS_MAX_SECRET_PATHS";
  public static final String MAX_SECRET_BYTES_ENV = "SPIKE_NEXUS_MAX_SECRET_BYTES";
  public static final String MAX_VALUE_BYTES_ENV = "SPIKE_NEXUS_MAX_VALUE_BYTES";

  /** 4 GiB. */
  static final long DEFAULT_MAX_SNAPSHOT_BYTES = 4L << 30;

  /** 1 TiB: far above any store we expect, low enough to catch a typo. */
  static final long MAX_SNAPSHOT_BYTES = 1L << 40;

  public NexusConfig {
    requireHost(TLS_ADDR_ENV, tlsHost);
    requireHost(OPS_ADDR_ENV, opsHost);
    requirePort(TLS_PORT_ENV, tlsPort);
    requirePort(OPS_ADDR_ENV, opsPort);
    if (maxRequestBytes < 1024 || maxRequestBytes > 64 * 1024 * 1024) {
      throw new IllegalArgumentException(
          MAX_REQUEST_BYTES_ENV + " must be between 1024 and 67108864 bytes");
    }
    if (shares < 1 || shares > 255) {
      throw new IllegalArgumentException(SHARES_ENV + " must be between 1 and 255");
    }
    if (threshold < 1 || threshold > shares) {
      throw new IllegalArgumentException(
          THRESHOLD_ENV + " must be between 1 and " + SHARES_ENV + " (" + shares + ")");
    }
    keeperPeers = List.copyOf(keeperPeers);
    if (keeperPeers.size() != shares) {
      throw new IllegalArgumentException(
          KEEPER_PEERS_ENV
              + " lists "
              + keeperPeers.size()
              + " keeper(s) but "
              + SHARES_ENV
              + " is "
              + shares
              + "; list exactly one https URL per share");
    }
    keeperPeers.forEach(NexusConfig::requireKeeperUrl);
    if (keeperUpdateInterval.isNegative() || keeperUpdateInterval.toMillis() < 100) {
      throw new IllegalArgumentException(KEEPER_UPDATE_INTERVAL_ENV + " must be at least 100ms");
    }
    if (maxSecretVersions < 1 || maxSecretVersions > 1000) {
      throw new IllegalArgumentException(MAX_SECRET_VERSIONS_ENV + " must be between 1 and 1000");
    }
    try {
      SpiffeId.of(trustDomain, "/spike");
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(Role.TRUST_ROOT_ENV + " is not a valid trust domain name");
    }
    if (recoveryBackoffInitial.toMillis() < 1
        || recoveryBackoffMax.compareTo(recoveryBackoffInitial) < 0) {
      throw new IllegalArgumentException("recovery backoff needs 1ms <= initial <= max");
    }
    if (restoreTtl.toMillis() < 100 || restoreTtl.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException(RESTORE_TTL_ENV + " must be between 100ms and 24h");
    }
    if (maxSnapshotBytes < 1024 || maxSnapshotBytes > MAX_SNAPSHOT_BYTES) {
      throw new IllegalArgumentException(
          MAX_SNAPSHOT_BYTES_ENV + " must be between 1024 and " + MAX_SNAPSHOT_BYTES + " bytes");
    }
    Objects.requireNonNull(backups, "backups");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(limits, "limits");
    keeperIds = List.copyOf(keeperIds);
    if (keeperIds.size() != keeperPeers.size()) {
      throw new IllegalArgumentException(
          KEEPER_IDS_ENV
              + " lists "
              + keeperIds.size()
              + " SPIFFE ID(s) but "
              + KEEPER_PEERS_ENV
              + " lists "
              + keeperPeers.size()
              + " keeper(s); list one per keeper, in the same order");
    }
    for (SpiffeId id : keeperIds) {
      if (!Role.KEEPER.holds(id, trustDomain)) {
        throw new IllegalArgumentException(
            KEEPER_IDS_ENV
                + " must list keeper IDs of "
                + trustDomain
                + " (spiffe://"
                + trustDomain
                + "/spike/keeper/...), not "
                + id);
      }
    }
  }

  /** {@code SPIKE_NEXUS_AUDIT_LOG}, if set (or defaulted by {@code NexusMain}). */
  public Optional<Path> auditLog() {
    return audit.log();
  }

  /**
   * The audit log.
   *
   * @param log {@code SPIKE_NEXUS_AUDIT_LOG}: the file; when unset, {@code NexusMain} uses {@code
   *     <data dir>/audit.log} for SQLite, refuses to start on PostgreSQL, and runs without an audit
   *     log on the memory backend (development only)
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
        throw new IllegalArgumentException(
            AUDIT_ACCEPT_GAP_ENV
                + " must be the 64 hex digits of the anchored hash "
                + "that Nexus printed when it refused to start");
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
   * @param maxSecretPaths {@code SPIKE_NEXUS_MAX_SECRET_PATHS}, default 1,000,000 (0: no limit): a
   *     put that would create a path beyond it is refused with 409 {@code state_limit_reached}
   * @param maxSecretBytes {@code SPIKE_NEXUS_MAX_SECRET_BYTES}, default 256 KiB: keys and values of
   *     one version together
   * @param maxValueBytes {@code SPIKE_NEXUS_MAX_VALUE_BYTES}, default 64 KiB: one value (UTF-8)
   */
  public record Limits(long maxSecretPaths, int maxSecretBytes, int maxValueBytes) {
    public static final Limits DEFAULT = new Limits(1_000_000, 256 * 1024, 64 * 1024);

    public Limits {
      if (maxSecretPaths < 0) {
        throw new IllegalArgumentException(MAX_SECRET_PATHS_ENV + " must be 0 (no limit) or more");
      }
      if (maxValueBytes < 1 || maxSecretBytes < maxValueBytes) {
        throw new IllegalArgumentException(
            MAX_VALUE_BYTES_ENV + " must be at least 1 and at most " + MAX_SECRET_BYTES_ENV);
      }
    }
  }

  /**
   * When Nexus writes snapshots on its own.
   *
   * @param dir {@code SPIKE_NEXUS_BACKUP_DIR}; empty (unset): no scheduled backups
   * @param interval {@code SPIKE_NEXUS_BACKUP_INTERVAL}, default 1h, at least 1s (file names have
   *     one-second resolution)
   * @param retain {@code SPIKE_NEXUS_BACKUP_RETAIN}, default 7: how many of the newest snapshot
   *     files in {@code dir} are kept
   */
  public record Backups(Optional<Path> dir, Duration interval, int retain) {
    public Backups {
      dir = Objects.requireNonNull(dir, "dir").map(Path::toAbsolutePath);
      if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException(BACKUP_INTERVAL_ENV + " must be at least 1s");
      }
      if (retain < 1) {
        throw new IllegalArgumentException(
            BACKUP_RETAIN_ENV + " must be at least 1 (the newest snapshots to keep)");
      }
    }
  }

  /** Reads every setting from {@code env} (e.g. {@code System::getenv}; unset is {@code null}). */
  public static NexusConfig fromEnvironment(Function<String, String> env) {
    String ops = text(env, OPS_ADDR_ENV, "127.0.0.1:8554");
    int colon = ops.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(OPS_ADDR_ENV + " must be host:port, e.g. 127.0.0.1:8554");
    }
    String opsHost = ops.substring(0, colon).replace("[", "").replace("]", "");
    int shares = integer(env, SHARES_ENV, 3);
    return new NexusConfig(
        text(env, TLS_ADDR_ENV, "0.0.0.0"),
        integer(env, TLS_PORT_ENV, 8553),
        opsHost,
        parseInt(OPS_ADDR_ENV, ops.substring(colon + 1)),
        integer(env, MAX_REQUEST_BYTES_ENV, 1024 * 1024),
        shares,
        integer(env, THRESHOLD_ENV, 2),
        peers(env.apply(KEEPER_PEERS_ENV), shares),
        duration(env, KEEPER_UPDATE_INTERVAL_ENV, "5m"),
        integer(env, MAX_SECRET_VERSIONS_ENV, 10),
        text(env, Role.TRUST_ROOT_ENV, Role.DEFAULT_TRUST_DOMAIN),
        Duration.ofMillis(500),
        Duration.ofSeconds(5),
        duration(env, RESTORE_TTL_ENV, "10m"),
        longInteger(env, MAX_SNAPSHOT_BYTES_ENV, DEFAULT_MAX_SNAPSHOT_BYTES),
        backups(env),
        audit(env),
        keeperIds(env, shares),
        limits(env));
  }

  private static Audit audit(Function<String, String> env) {
    String file = env.apply(AUDIT_LOG_ENV);
    Optional<Path> log;
    try {
      log = file == null || file.isBlank() ? Optional.empty() : Optional.of(Path.of(file.trim()));
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(AUDIT_LOG_ENV + " is not a valid path: " + file.trim());
    }
    String name = env.apply(AUDIT_NAME_ENV);
    String gap = env.apply(AUDIT_ACCEPT_GAP_ENV);
    return new Audit(
        log,
        name == null || name.isBlank() ? Optional.empty() : Optional.of(name.trim()),
        gap == null || gap.isBlank()
            ? Optional.empty()
            : Optional.of(gap.trim().toLowerCase(Locale.ROOT)));
  }

  private static List<SpiffeId> keeperIds(Function<String, String> env, int shares) {
    String trustDomain = text(env, Role.TRUST_ROOT_ENV, Role.DEFAULT_TRUST_DOMAIN);
    String value = env.apply(KEEPER_IDS_ENV);
    List<SpiffeId> ids = new ArrayList<>();
    if (value == null || value.isBlank()) {
      int keepers = Math.max(shares, 0);
      String peers = env.apply(KEEPER_PEERS_ENV);
      if (peers != null && !peers.isBlank()) {
        keepers = (int) Arrays.stream(peers.split(",")).filter(p -> !p.isBlank()).count();
      }
      for (int i = 1; i <= keepers; i++) {
        try {
          ids.add(SpiffeId.of(trustDomain, Role.KEEPER.path() + "/" + i));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              Role.TRUST_ROOT_ENV + " is not a valid trust domain name");
        }
      }
      return ids;
    }
    for (String part : value.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      try {
        ids.add(SpiffeId.parse(part.trim()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            KEEPER_IDS_ENV + " holds a malformed SPIFFE ID: " + part.trim());
      }
    }
    return ids;
  }

  private static Limits limits(Function<String, String> env) {
    return new Limits(
        longInteger(env, MAX_SECRET_PATHS_ENV, Limits.DEFAULT.maxSecretPaths()),
        integer(env, MAX_SECRET_BYTES_ENV, Limits.DEFAULT.maxSecretBytes()),
        integer(env, MAX_VALUE_BYTES_ENV, Limits.DEFAULT.maxValueBytes()));
  }

  /** The same settings with the audit log at {@code file}. */
  public NexusConfig withAuditLog(Path file) {
    return new NexusConfig(
        tlsHost,
        tlsPort,
        opsHost,
        opsPort,
        maxRequestBytes,
        shares,
        threshold,
        keeperPeers,
        keeperUpdateInterval,
        maxSecretVersions,
        trustDomain,
        recoveryBackoffInitial,
        recoveryBackoffMax,
        restoreTtl,
        maxSnapshotBytes,
        backups,
        new Audit(Optional.of(file), audit.name(), audit.acceptGap()),
        keeperIds,
        limits);
  }

  private static Backups backups(Function<String, String> env) {
    String dir = env.apply(BACKUP_DIR_ENV);
    Optional<Path> path;
    try {
      path = dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir.trim()));
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(BACKUP_DIR_ENV + " is not a valid path: " + dir.trim());
    }
    return new Backups(
        path, duration(env, BACKUP_INTERVAL_ENV, "1h"), integer(env, BACKUP_RETAIN_ENV, 7));
  }

  /**
   * The same settings with another wait between keeper polls while sealed (tests use short ones).
   */
  public NexusConfig withRecoveryBackoff(Duration initial, Duration max) {
    return new NexusConfig(
        tlsHost,
        tlsPort,
        opsHost,
        opsPort,
        maxRequestBytes,
        shares,
        threshold,
        keeperPeers,
        keeperUpdateInterval,
        maxSecretVersions,
        trustDomain,
        initial,
        max,
        restoreTtl,
        maxSnapshotBytes,
        backups,
        audit,
        keeperIds,
        limits);
  }

  private static List<URI> peers(String value, int shares) {
    List<URI> out = new ArrayList<>();
    if (value == null || value.isBlank()) {
      for (int i = 0; i < shares; i++) {
        out.add(URI.create("https://localhost:" + (8443 + 100 * i)));
      }
      return out;
    }
    for (String part : value.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      try {
        out.add(new URI(part.trim()));
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            KEEPER_PEERS_ENV + " holds a malformed URL: " + part.trim());
      }
    }
    return out;
  }

  private static void requireKeeperUrl(URI url) {
    if (!"https".equals(url.getScheme() == null ? null : url.getScheme().toLowerCase(Locale.ROOT))
        || url.getHost() == null) {
      throw new IllegalArgumentException(
          KEEPER_PEERS_ENV + " must list https URLs with a host, not " + url);
    }
  }

  private static void requireHost(String variable, String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException(variable + " needs a host or bind address");
    }
  }

  private static void requirePort(String variable, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(variable + " needs a port number 0..65535");
    }
  }

  private static String text(Function<String, String> env, String name, String fallback) {
    String value = env.apply(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static int integer(Function<String, String> env, String name, int fallback) {
    String value = env.apply(name);
    return value == null || value.isBlank() ? fallback : parseInt(name, value.trim());
  }

  private static long longInteger(Function<String, String> env, String name, long fallback) {
    String value = env.apply(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a whole number, not '" + value.trim() + "'");
    }
  }

  private static int parseInt(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
    }
  }

  private static Duration duration(Function<String, String> env, String name, String fallback) {
    try {
      return Durations.parse(text(env, name, fallback));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage());
    }
  }
}
