package io.spike.config;

import static io.spike.config.Component.BOOTSTRAP;
import static io.spike.config.Component.CLI;
import static io.spike.config.Component.DEV;
import static io.spike.config.Component.KEEPER;
import static io.spike.config.Component.NEXUS;

import io.spike.config.Parser.HostPort;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The registry: every environment variable spike-java reads, declared once. No other main source
 * spells a {@code SPIKE_} name; messages name variables through {@link Setting#name()}. {@code
 * docs/ENVIRONMENT.md} is generated from {@link #ALL} by {@link SettingsReference}.
 */
public final class Settings {
  private Settings() {}

  /** The TLS port of keeper {@code n} (1-based) in the default layout: 8443, 8543, 8643, ... */
  public static int defaultKeeperPort(int n) {
    return 8443 + 100 * (n - 1);
  }

  /** The default keeper URLs for {@code shares} keepers: {@code https://localhost:8443}, ... */
  public static List<URI> defaultKeeperPeers(int shares) {
    return IntStream.rangeClosed(1, shares)
        .mapToObj(n -> URI.create("https://localhost:" + defaultKeeperPort(n)))
        .toList();
  }

  // Identity: every component.

  public static final Setting<String> ENDPOINT_SOCKET =
      Setting.of(
              "SPIFFE_ENDPOINT_SOCKET",
              Parser.text("a Workload API address such as unix:///run/spire/agent.sock"))
          .computedDefault("unset: SVID from the PEM files below")
          .readBy(NEXUS, KEEPER, BOOTSTRAP, CLI)
          .help(
              "SPIFFE Workload API address; when set, the SVID and bundle come from SPIRE instead of files.");

  public static final Setting<Path> SVID_CERT =
      Setting.of("SPIKE_SVID_CERT", Parser.path("a PEM file path"))
          .readBy(NEXUS, KEEPER, BOOTSTRAP, CLI)
          .help(
              "PEM file with the SVID certificate chain (leaf first), when no Workload API is set.");

  public static final Setting<Path> SVID_KEY =
      Setting.of("SPIKE_SVID_KEY", Parser.path("a PEM file path"))
          .readBy(NEXUS, KEEPER, BOOTSTRAP, CLI)
          .help("PEM file with the SVID's PKCS#8 private key, when no Workload API is set.");

  public static final Setting<Path> TRUST_BUNDLE =
      Setting.of("SPIKE_TRUST_BUNDLE", Parser.path("a PEM file path"))
          .readBy(NEXUS, KEEPER, BOOTSTRAP, CLI)
          .help(
              "PEM file with the CA certificates of the trust domain, when no Workload API is set.");

  public static final Setting<Map<String, Path>> FEDERATED_BUNDLES =
      Setting.of("SPIKE_FEDERATED_BUNDLES", Parser.trustDomainFiles())
          .computedDefault("unset: only the SPIKE_TRUST_BUNDLE domain")
          .readBy(NEXUS, KEEPER, BOOTSTRAP, CLI)
          .help(
              "CA bundles (PEM) of the other trust domains the SPIKE_TRUST_ROOT_* lists name, when"
                  + " no Workload API is set (SPIRE delivers federated bundles itself); reloaded"
                  + " on change like the SVID files.");

  public static final Setting<String> TRUST_ROOT =
      Setting.of("SPIKE_TRUST_ROOT", Parser.trustDomain())
          .byDefault("spike.ist")
          .readBy(NEXUS, KEEPER, BOOTSTRAP, CLI, DEV)
          .help(
              "The SPIFFE trust domain of workloads (policy subjects), and of every SPIKE role"
                  + " whose SPIKE_TRUST_ROOT_* list is unset.");

  public static final Setting<List<String>> TRUST_ROOT_NEXUS =
      Setting.of("SPIKE_TRUST_ROOT_NEXUS", Parser.trustDomains())
          .computedDefault("the value of SPIKE_TRUST_ROOT")
          .readBy(NEXUS, KEEPER, BOOTSTRAP, CLI)
          .help(
              "Trust domains whose spiffe://<td>/spike/nexus IDs are Nexus: keepers, bootstrap and"
                  + " the CLI talk only to such a server.");

  public static final Setting<List<String>> TRUST_ROOT_KEEPER =
      Setting.of("SPIKE_TRUST_ROOT_KEEPER", Parser.trustDomains())
          .computedDefault("the value of SPIKE_TRUST_ROOT")
          .readBy(NEXUS, KEEPER, BOOTSTRAP, CLI)
          .help(
              "Trust domains whose spiffe://<td>/spike/keeper/... IDs are keepers; the first is the"
                  + " domain of the default SPIKE_NEXUS_KEEPER_IDS.");

  public static final Setting<List<String>> TRUST_ROOT_PILOT =
      Setting.of("SPIKE_TRUST_ROOT_PILOT", Parser.trustDomains())
          .computedDefault("the value of SPIKE_TRUST_ROOT")
          .readBy(NEXUS, KEEPER, BOOTSTRAP, CLI)
          .help(
              "Trust domains whose spiffe://<td>/spike/pilot/role/{superuser,recover,restore} IDs"
                  + " hold those operator roles.");

  public static final Setting<List<String>> TRUST_ROOT_BOOTSTRAP =
      Setting.of("SPIKE_TRUST_ROOT_BOOTSTRAP", Parser.trustDomains())
          .computedDefault("the value of SPIKE_TRUST_ROOT")
          .readBy(NEXUS, KEEPER, BOOTSTRAP, CLI)
          .help("Trust domains whose spiffe://<td>/spike/bootstrap IDs may seed keepers.");

  // Logging.

  public static final Setting<String> LOG_FORMAT =
      Setting.of("SPIKE_LOG_FORMAT", Parser.oneOf("text", "json"))
          .byDefault("text")
          .readBy(NEXUS, KEEPER)
          .help("Server log lines as text (the logback pattern) or one JSON object per line.");

  public static final Setting<String> LOG_LEVEL =
      Setting.of("SPIKE_LOG_LEVEL", Parser.oneOf("trace", "debug", "info", "warn", "error", "off"))
          .byDefault("info")
          .readBy(NEXUS, KEEPER)
          .alias("SPIKE_SYSTEM_LOG_LEVEL")
          .help(
              "Level of the servers' root logger (io.spike.server.ServerLogConfigurator reads it,"
                  + " and the alias, itself).");

  public static final Setting<Boolean> DEBUG =
      Setting.of("SPIKE_DEBUG", Parser.flag())
          .byDefault(false)
          .readBy(CLI, BOOTSTRAP)
          .help("1: the CLI and bootstrap log to stderr and print stack traces with errors.");

  // Nexus: listeners.

  public static final Setting<String> NEXUS_TLS_ADDR =
      Setting.of("SPIKE_NEXUS_TLS_ADDR", Parser.text("a bind address such as 0.0.0.0"))
          .byDefault("0.0.0.0")
          .readBy(NEXUS)
          .help("Address the Nexus mTLS API binds to.");

  public static final Setting<Integer> NEXUS_TLS_PORT =
      Setting.of("SPIKE_NEXUS_TLS_PORT", Parser.port())
          .byDefault(8553)
          .readBy(NEXUS)
          .help("Port of the Nexus mTLS API.");

  public static final Setting<HostPort> NEXUS_OPS_ADDR =
      Setting.of("SPIKE_NEXUS_OPS_ADDR", Parser.hostPort())
          .byDefault(new HostPort("127.0.0.1", 8554))
          .readBy(NEXUS)
          .help(
              "host:port of the plain-HTTP ops listener (/healthz, /readyz, /metrics); port 0 picks one.");

  public static final Setting<Integer> NEXUS_MAX_REQUEST_BYTES =
      Setting.of("SPIKE_NEXUS_MAX_REQUEST_BYTES", Parser.integer(1024, 64 * 1024 * 1024))
          .byDefault(1024 * 1024)
          .readBy(NEXUS)
          .help("Largest JSON request body Nexus reads, in bytes.");

  // Nexus: Shamir and keepers (bootstrap reads the same ones).

  public static final Setting<Integer> SHAMIR_SHARES =
      Setting.of("SPIKE_NEXUS_SHAMIR_SHARES", Parser.integer(1, 255))
          .byDefault(3)
          .readBy(NEXUS, BOOTSTRAP)
          .help("How many shards the root key is split into: one per keeper.");

  public static final Setting<Integer> SHAMIR_THRESHOLD =
      Setting.of("SPIKE_NEXUS_SHAMIR_THRESHOLD", Parser.integer(1, 255))
          .byDefault(2)
          .readBy(NEXUS, BOOTSTRAP)
          .help("How many shards rebuild the root key; at most the shares.");

  public static final Setting<List<URI>> KEEPER_PEERS =
      Setting.of("SPIKE_NEXUS_KEEPER_PEERS", Parser.httpsUrls())
          .computedDefault("https://localhost:8443, :8543, :8643, ... one per share")
          .readBy(NEXUS, BOOTSTRAP)
          .alias("SPIKE_NEXUS_KEEPER_URL")
          .help("Keeper base URLs in shard order: keeper i holds shard i; one per share.");

  public static final Setting<List<String>> KEEPER_IDS =
      Setting.of(
              "SPIKE_NEXUS_KEEPER_IDS", Parser.words("comma-separated SPIFFE IDs, one per keeper"))
          .computedDefault("spiffe://<trust domain>/spike/keeper/<i> for keeper i")
          .readBy(NEXUS)
          .help("The SPIFFE ID each keeper must present, in the order of the keeper peers.");

  public static final Setting<Duration> KEEPER_UPDATE_INTERVAL =
      Setting.of("SPIKE_NEXUS_KEEPER_UPDATE_INTERVAL", Parser.duration())
          .byDefault(Duration.ofMinutes(5))
          .readBy(NEXUS)
          .help("How often Nexus pushes each keeper its shard; at least 100ms.");

  // Nexus: secrets and limits.

  public static final Setting<Integer> MAX_SECRET_VERSIONS =
      Setting.of("SPIKE_NEXUS_MAX_SECRET_VERSIONS", Parser.integer(1, 1000))
          .byDefault(10)
          .readBy(NEXUS)
          .help("Versions kept per secret path; older ones are pruned.");

  public static final Setting<Long> MAX_SECRET_PATHS =
      Setting.of("SPIKE_NEXUS_MAX_SECRET_PATHS", Parser.longInteger(0, Long.MAX_VALUE))
          .byDefault(1_000_000L)
          .readBy(NEXUS)
          .help(
              "Most secret paths Nexus stores (0: no limit); a put beyond it is refused with 409.");

  public static final Setting<Integer> MAX_SECRET_BYTES =
      Setting.of("SPIKE_NEXUS_MAX_SECRET_BYTES", Parser.integer(1, Integer.MAX_VALUE))
          .byDefault(256 * 1024)
          .readBy(NEXUS)
          .help("Keys and values of one secret version together, in bytes.");

  public static final Setting<Integer> MAX_VALUE_BYTES =
      Setting.of("SPIKE_NEXUS_MAX_VALUE_BYTES", Parser.integer(1, Integer.MAX_VALUE))
          .byDefault(64 * 1024)
          .readBy(NEXUS)
          .help("One secret value (UTF-8), in bytes; at most the secret limit.");

  // Nexus: recovery, backups, audit.

  public static final Setting<Duration> RESTORE_TTL =
      Setting.of("SPIKE_NEXUS_RESTORE_TTL", Parser.duration())
          .byDefault(Duration.ofMinutes(10))
          .readBy(NEXUS)
          .help(
              "A partial set of restore shards is wiped this long after the last one; 100ms..24h.");

  public static final Setting<Long> MAX_SNAPSHOT_BYTES =
      Setting.of("SPIKE_NEXUS_MAX_SNAPSHOT_BYTES", Parser.longInteger(1024, 1L << 40))
          .byDefault(4L << 30)
          .readBy(NEXUS)
          .help("Largest snapshot /v1/operator/snapshot?action=verify accepts, in bytes.");

  public static final Setting<Path> BACKUP_DIR =
      Setting.of("SPIKE_NEXUS_BACKUP_DIR", Parser.path("a directory path"))
          .computedDefault("unset: no scheduled backups")
          .readBy(NEXUS)
          .help("Directory Nexus writes scheduled snapshots into.");

  public static final Setting<Duration> BACKUP_INTERVAL =
      Setting.of("SPIKE_NEXUS_BACKUP_INTERVAL", Parser.duration())
          .byDefault(Duration.ofHours(1))
          .readBy(NEXUS)
          .help("Time between scheduled snapshots; at least 1s.");

  public static final Setting<Integer> BACKUP_RETAIN =
      Setting.of("SPIKE_NEXUS_BACKUP_RETAIN", Parser.integer(1, Integer.MAX_VALUE))
          .byDefault(7)
          .readBy(NEXUS)
          .help("How many of the newest snapshot files the backup directory keeps.");

  public static final Setting<String> BACKUP_TARGET =
      Setting.of(
              "SPIKE_NEXUS_BACKUP_TARGET",
              Parser.text("a directory path, file:///dir or s3://bucket/prefix?endpoint=..."))
          .computedDefault("unset: SPIKE_NEXUS_BACKUP_DIR, if set")
          .readBy(NEXUS)
          .help(
              "Where snapshots, change-log and audit segments go: a directory or S3-compatible"
                  + " storage; not together with SPIKE_NEXUS_BACKUP_DIR.");

  public static final Setting<Duration> CHANGELOG_INTERVAL =
      Setting.of("SPIKE_NEXUS_CHANGELOG_INTERVAL", Parser.duration())
          .byDefault(Duration.ofSeconds(1))
          .readBy(NEXUS)
          .help(
              "Time between shipments of committed changes and new audit lines to the backup target;"
                  + " 100ms..1h.");

  public static final Setting<Duration> BACKUP_VERIFY_INTERVAL =
      Setting.of("SPIKE_NEXUS_BACKUP_VERIFY_INTERVAL", Parser.duration())
          .byDefault(Duration.ofHours(1))
          .readBy(NEXUS)
          .help("Time between verifications of the newest backup at the target; at least 1s.");

  public static final Setting<Path> AUDIT_LOG =
      Setting.of("SPIKE_NEXUS_AUDIT_LOG", Parser.path("a file path"))
          .computedDefault("<data dir>/audit.log (sqlite, postgres); none on memory")
          .readBy(NEXUS)
          .help("The hash-chained audit log file.");

  public static final Setting<String> AUDIT_NAME =
      Setting.of("SPIKE_NEXUS_AUDIT_NAME", Parser.text("a name unique among replicas"))
          .computedDefault("<host name>:<absolute path of the log>")
          .readBy(NEXUS)
          .help("Name the audit log's anchor is kept under in the store.");

  public static final Setting<String> AUDIT_ACCEPT_GAP =
      Setting.of(
              "SPIKE_NEXUS_AUDIT_ACCEPT_GAP",
              Parser.hex64(
                  "the 64 hex digits of the anchored hash Nexus printed when it refused to start"))
          .computedDefault("unset")
          .readBy(NEXUS)
          .help("Accept, once, an audit log that no longer reaches its anchor.");

  // Nexus: store.

  public static final Setting<String> BACKEND_STORE =
      Setting.of("SPIKE_NEXUS_BACKEND_STORE", Parser.oneOf("sqlite", "postgres", "memory"))
          .byDefault("sqlite")
          .readBy(NEXUS)
          .help("Where Nexus keeps its data; memory is lost on exit (tests, demos).");

  public static final Setting<Path> DATA_DIR =
      Setting.of(
              "SPIKE_NEXUS_DATA_DIR", Parser.homePath("a directory path (~ is the home directory)"))
          .computedDefault("~/.spike/data")
          .readBy(NEXUS)
          .help("Directory of spike.db (sqlite) and the default audit log; created 0700.");

  public static final Setting<String> DB_URL =
      Setting.of(
              "SPIKE_NEXUS_DB_URL",
              Parser.text(
                  "a JDBC URL such as jdbc:postgresql://db.example:5432/spike?user=spike&password=..."))
          .readBy(NEXUS, DEV)
          .secret()
          .help("The PostgreSQL JDBC URL (postgres backend); may carry the password.");

  // Keeper.

  public static final Setting<String> KEEPER_TLS_ADDR =
      Setting.of("SPIKE_KEEPER_TLS_ADDR", Parser.text("a bind address such as 0.0.0.0"))
          .byDefault("0.0.0.0")
          .readBy(KEEPER)
          .help("Address the keeper's mTLS API binds to.");

  public static final Setting<Integer> KEEPER_TLS_PORT =
      Setting.of("SPIKE_KEEPER_TLS_PORT", Parser.port())
          .byDefault(8443)
          .readBy(KEEPER)
          .help("Port of the keeper's mTLS API.");

  // Clients.

  public static final Setting<URI> NEXUS_API_URL =
      Setting.of("SPIKE_NEXUS_API_URL", Parser.httpsUrl())
          .byDefault(URI.create("https://localhost:8553"))
          .readBy(CLI, BOOTSTRAP)
          .help("Base URL of Nexus for the CLI and bootstrap.");

  public static final Setting<Path> PILOT_RECOVERY_DIR =
      Setting.of(
              "SPIKE_PILOT_RECOVERY_DIR", Parser.path("a directory path (~ is the home directory)"))
          .computedDefault("~/.spike/recover")
          .readBy(CLI)
          .help("Where spike operator recover writes shard files (the --dir flag wins).");

  // Development.

  public static final Setting<String> JAVA_OPTS =
      Setting.of("SPIKE_JAVA_OPTS", Parser.text("JVM options separated by spaces"))
          .readBy(DEV)
          .help("Extra JVM options for the bin/ scripts and the components dev and drill start.");

  public static final Setting<Path> DEV_POSTGRES_DATA =
      Setting.of("SPIKE_DEV_POSTGRES_DATA", Parser.path("a directory path"))
          .computedDefault("set by spike dev: D/postgres")
          .readBy(DEV)
          .help("Data directory of the dev cluster's embedded PostgreSQL.");

  public static final Setting<Integer> DEV_POSTGRES_PORT =
      Setting.of("SPIKE_DEV_POSTGRES_PORT", Parser.port())
          .byDefault(8555)
          .readBy(DEV)
          .help("Loopback port of the dev cluster's embedded PostgreSQL.");

  public static final Setting<Boolean> NO_BUILD =
      Setting.of("SPIKE_NO_BUILD", Parser.flag())
          .byDefault(false)
          .readBy(DEV)
          .help("1: the ./spike script runs the distribution as it is, without rebuilding it.");

  /** Every setting, in the order of the reference. */
  public static final List<Setting<?>> ALL =
      List.of(
          ENDPOINT_SOCKET,
          SVID_CERT,
          SVID_KEY,
          TRUST_BUNDLE,
          FEDERATED_BUNDLES,
          TRUST_ROOT,
          TRUST_ROOT_NEXUS,
          TRUST_ROOT_KEEPER,
          TRUST_ROOT_PILOT,
          TRUST_ROOT_BOOTSTRAP,
          LOG_FORMAT,
          LOG_LEVEL,
          DEBUG,
          NEXUS_TLS_ADDR,
          NEXUS_TLS_PORT,
          NEXUS_OPS_ADDR,
          NEXUS_MAX_REQUEST_BYTES,
          SHAMIR_SHARES,
          SHAMIR_THRESHOLD,
          KEEPER_PEERS,
          KEEPER_IDS,
          KEEPER_UPDATE_INTERVAL,
          MAX_SECRET_VERSIONS,
          MAX_SECRET_PATHS,
          MAX_SECRET_BYTES,
          MAX_VALUE_BYTES,
          RESTORE_TTL,
          MAX_SNAPSHOT_BYTES,
          BACKUP_DIR,
          BACKUP_INTERVAL,
          BACKUP_RETAIN,
          BACKUP_TARGET,
          CHANGELOG_INTERVAL,
          BACKUP_VERIFY_INTERVAL,
          AUDIT_LOG,
          AUDIT_NAME,
          AUDIT_ACCEPT_GAP,
          BACKEND_STORE,
          DATA_DIR,
          DB_URL,
          KEEPER_TLS_ADDR,
          KEEPER_TLS_PORT,
          NEXUS_API_URL,
          PILOT_RECOVERY_DIR,
          JAVA_OPTS,
          DEV_POSTGRES_DATA,
          DEV_POSTGRES_PORT,
          NO_BUILD);

  /** Upstream SPIKE variables spelled as ours, with the same meaning. */
  public static final List<Setting<?>> UPSTREAM_SAME_NAME =
      List.of(
          ENDPOINT_SOCKET,
          TRUST_ROOT,
          TRUST_ROOT_NEXUS,
          TRUST_ROOT_KEEPER,
          TRUST_ROOT_PILOT,
          TRUST_ROOT_BOOTSTRAP,
          NEXUS_TLS_PORT,
          KEEPER_TLS_PORT,
          KEEPER_PEERS,
          SHAMIR_SHARES,
          SHAMIR_THRESHOLD,
          KEEPER_UPDATE_INTERVAL,
          MAX_SECRET_VERSIONS,
          BACKEND_STORE,
          DATA_DIR,
          NEXUS_API_URL,
          PILOT_RECOVERY_DIR);

  /**
   * Upstream SPIKE variables (github.com/spiffe/spike, docs/usage/configuration) with no equivalent
   * here, by the reason: not read, listed so the reference can say so.
   */
  public static final Map<String, List<String>> UPSTREAM_UNSUPPORTED = upstreamUnsupported();

  private static Map<String, List<String>> upstreamUnsupported() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put(
        "no lite (encryption-only) workloads here; every workload is a policy subject of"
            + " SPIKE_TRUST_ROOT, and the cipher routes need a policy granting execute",
        List.of("SPIKE_TRUST_ROOT_LITE_WORKLOAD"));
    m.put(
        "the wait between keeper polls while sealed is fixed (0.5 s doubling to 5 s)",
        List.of("SPIKE_NEXUS_RECOVERY_MAX_INTERVAL"));
    m.put(
        "shares are capped at 255 (a shard id is one byte)",
        List.of("SPIKE_NEXUS_SHAMIR_MAX_SHARE_COUNT"));
    m.put(
        "pool sizes, timeouts and SQLite modes are fixed; Flyway creates the schema",
        List.of(
            "SPIKE_NEXUS_DB_OPERATION_TIMEOUT",
            "SPIKE_NEXUS_DB_INITIALIZATION_TIMEOUT",
            "SPIKE_NEXUS_DB_MAX_OPEN_CONNS",
            "SPIKE_NEXUS_DB_MAX_IDLE_CONNS",
            "SPIKE_NEXUS_DB_CONN_MAX_LIFETIME",
            "SPIKE_NEXUS_DB_JOURNAL_MODE",
            "SPIKE_NEXUS_DB_BUSY_TIMEOUT_MS",
            "SPIKE_NEXUS_DB_SKIP_SCHEMA_CREATION"));
    m.put(
        "no PBKDF2 here; request sizes are bounded by SPIKE_NEXUS_MAX_REQUEST_BYTES",
        List.of("SPIKE_NEXUS_PBKDF2_ITERATION_COUNT", "SPIKE_NEXUS_CRYPTO_MAX_CIPHERTEXT_SIZE"));
    m.put(
        "HTTP and SPIFFE source timeouts are fixed in code",
        List.of(
            "SPIKE_HTTP_CLIENT_TIMEOUT",
            "SPIKE_HTTP_CLIENT_DIALER_TIMEOUT",
            "SPIKE_HTTP_CLIENT_DIALER_KEEP_ALIVE",
            "SPIKE_HTTP_CLIENT_TLS_HANDSHAKE_TIMEOUT",
            "SPIKE_HTTP_CLIENT_RESPONSE_HEADER_TIMEOUT",
            "SPIKE_HTTP_CLIENT_EXPECT_CONTINUE_TIMEOUT",
            "SPIKE_HTTP_CLIENT_IDLE_CONN_TIMEOUT",
            "SPIKE_HTTP_CLIENT_MAX_CONNS_PER_HOST",
            "SPIKE_HTTP_CLIENT_MAX_IDLE_CONNS",
            "SPIKE_HTTP_CLIENT_MAX_IDLE_CONNS_PER_HOST",
            "SPIKE_HTTP_SERVER_READ_HEADER_TIMEOUT",
            "SPIKE_SPIFFE_SOURCE_TIMEOUT"));
    m.put(
        "bootstrap retries on a fixed schedule and keeps no Kubernetes state",
        List.of(
            "SPIKE_BOOTSTRAP_FORCE",
            "SPIKE_BOOTSTRAP_TIMEOUT",
            "SPIKE_BOOTSTRAP_KEEPER_TIMEOUT",
            "SPIKE_BOOTSTRAP_KEEPER_MAX_RETRIES",
            "SPIKE_BOOTSTRAP_KEEPER_RETRY_INITIAL_INTERVAL",
            "SPIKE_BOOTSTRAP_KEEPER_RETRY_MAX_INTERVAL",
            "SPIKE_BOOTSTRAP_INIT_VERIFICATION_TIMEOUT",
            "SPIKE_BOOTSTRAP_CONFIGMAP_NAME"));
    m.put(
        "no memory locking, banner or log.Fatal here; SPIKE_DEBUG=1 prints stack traces",
        List.of(
            "SPIKE_PILOT_SHOW_MEMORY_WARNING",
            "SPIKE_SHOW_MEMORY_WARNING",
            "SPIKE_STACK_TRACES_ON_LOG_FATAL",
            "SPIKE_BANNER_ENABLED"));
    return Collections.unmodifiableMap(m);
  }

  /** The setting called {@code name} (or with {@code name} as an upstream alias). */
  public static Optional<Setting<?>> named(String name) {
    for (Setting<?> s : ALL) {
      if (s.name().equals(name) || s.aliases().contains(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** Every name a reader accepts: ours and the upstream aliases. */
  public static List<String> allNames() {
    List<String> names = new ArrayList<>();
    for (Setting<?> s : ALL) {
      names.add(s.name());
      names.addAll(s.aliases());
    }
    return List.copyOf(names);
  }
}
