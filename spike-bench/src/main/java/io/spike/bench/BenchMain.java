package io.spike.bench;

import io.spike.api.Json;
import io.spike.api.NexusClient;
import io.spike.api.Routes;
import io.spike.api.SpikeHttp;
import io.spike.api.wire.SecretGetRequest;
import io.spike.api.wire.SecretGetResponse;
import io.spike.crypto.RootKey;
import io.spike.nexus.NexusServer;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.Stores;
import io.spike.store.snapshot.InspectReport;
import io.spike.store.snapshot.SnapshotOptions;
import io.spike.store.snapshot.SnapshotReader;
import io.spike.store.snapshot.SnapshotRestorer;
import io.spike.store.snapshot.SnapshotWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.DoubleFunction;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Server;

/**
 * {@code ./bench [--quick]}: runs the benchmarks (a to c in this JVM, then d to f on the built
 * distribution, {@link DistBench}), each beside its baseline in the same run, and writes {@code
 * bench-results/results.json} and {@code BENCHMARKS.md} (in the working directory, the repository
 * root when run through {@code ./bench}). Targets are reported, never asserted.
 */
public final class BenchMain {
  static final double READY_TARGET_MS = 2000;

  /** The built distribution, relative to the repository root ({@code ./bench} builds it). */
  static final Path DIST = Path.of("spike-dist", "target", "spike");

  /** The columns of a table of Nexus beside its baseline, row by row of client counts. */
  static final List<String> RATIO_COLUMNS =
      List.of(
          "clients",
          "nexus ops/s",
          "nexus p50 ms",
          "nexus p99 ms",
          "bare ops/s",
          "bare p50 ms",
          "bare p99 ms",
          "ratio",
          "target",
          "errors");

  private final BenchSettings settings;
  private final Path work;
  private final Report report;

  BenchMain(BenchSettings settings, Path work, Report report) {
    this.settings = settings;
    this.work = work;
    this.report = report;
  }

  public static void main(String[] args) throws Exception {
    boolean quick = List.of(args).contains("--quick");
    for (String arg : args) {
      if (!arg.equals("--quick")) {
        System.err.println("usage: bench [--quick]");
        System.exit(2);
      }
    }
    BenchSettings settings = quick ? BenchSettings.smoke() : BenchSettings.defaults();
    long started = System.nanoTime();
    Path work = Files.createTempDirectory("spike-bench-");
    Report report =
        new Report(
            Report.machineFacts(Instant.now()),
            quick ? "quick (--quick: tiny sizes, smoke only)" : "full");
    try {
      DistBench dist = new DistBench(settings, work, report, DIST);
      new BenchMain(settings, work, report).run();
      dist.run();
    } finally {
      deleteTree(work);
    }
    report.machine("wallClockSeconds", Math.round((System.nanoTime() - started) / 1e9));
    Path results = Path.of("bench-results", "results.json");
    String preamble =
        quick
            ? "> **QUICK SMOKE RUN (`./bench --quick`)**: tiny sizes and sub-second cells; these "
                + "figures only prove the suite runs end to end and are not representative. Run `./bench` for real figures."
                + "\n\n"
                + preamble()
            : preamble();
    report.write(results, Path.of("BENCHMARKS.md"), preamble);
    System.out.println(report.markdown(preamble));
    System.out.println("wrote " + results + " and BENCHMARKS.md");
    System.exit(0);
  }

  void run() throws Exception {
    RootKey rootKey = RootKey.generate(new SecureRandom());
    try (BenchCluster cluster = BenchCluster.start(work.resolve("cluster"))) {
      cluster.seedKeepers(rootKey);
      BulkRecords bulk = requestBench(cluster, rootKey);
      restartBench(cluster, bulk);
      snapshotBench(bulk);
    } finally {
      rootKey.destroy();
    }
  }

  // --- a. get and put over mTLS ---

  private BulkRecords requestBench(BenchCluster cluster, RootKey rootKey) throws Exception {
    log(
        "a. secret get/put over mTLS, "
            + settings.warmup().toMillis()
            + " ms warm-up + "
            + settings.measure().toMillis()
            + " ms measured per cell");
    StoreConfig config =
        new StoreConfig.Sqlite(
            privateDir(work.resolve("live")).resolve(StoreConfig.SQLITE_FILE_NAME));
    SpikeStore store = Stores.open(config);
    NexusServer nexus = cluster.startNexus(store);
    BulkRecords bulk;
    try {
      BenchCluster.awaitUnsealed(nexus, Duration.ofSeconds(30));
      NexusClient admin = cluster.superuserClient(nexus.port());
      Map<String, String> value = Map.of("value", "v".repeat(64));
      admin.putSecret(BulkRecords.TEMPLATE_PATH, value);
      admin.putSecret("bench/get", value);
      byte[] getBody = rawGetBody(cluster, nexus.port(), "bench/get");
      bulk = BulkRecords.from(store, rootKey);
      byte[] row = bulk.sampleCiphertext();

      Report.Table get =
          report.table(
              new Report.Table(
                  "get",
                  "a. Secret get over mTLS",
                  "Closed-loop clients, each with its own NexusClient (its own JDK HttpClient, so its own "
                      + "keep-alive mTLS connection), reading one 64-byte secret. Baseline: a bare Jetty 12 endpoint "
                      + "built like the Nexus API server (same TLS context) that reads each request body and answers with the bytes "
                      + "of that same get response, called through the same SpikeHttp client. Its p50 at 1 client "
                      + "is the bare mTLS round trip of the put target. Target ratio (issue 13) >= "
                      + Targets.GET_RATIO
                      + " at 8 and 64 clients.",
                  RATIO_COLUMNS));
      Double bareRoundTripP50 = null;
      Server bare = BareEndpoints.jetty(cluster.nexusServerTls(), getBody);
      int barePort =
          ((org.eclipse.jetty.server.ServerConnector) bare.getConnectors()[0]).getLocalPort();
      try {
        for (int clients : settings.concurrency()) {
          LoadResult n =
              loadNexus(
                  clients,
                  () -> cluster.superuserClient(nexus.port()),
                  (client, c) -> i -> client.getSecret("bench/get", 0));
          LoadResult b =
              load(
                  clients,
                  c -> {
                    SpikeHttp http = cluster.superuserHttp(barePort);
                    return i ->
                        http.post(
                            Routes.SECRETS,
                            Routes.ACTION_GET,
                            new SecretGetRequest("bench/get", 0),
                            SecretGetResponse.class);
                  });
          if (clients == 1) {
            bareRoundTripP50 = b.p50Millis();
          }
          addRatioRow(get, clients, n, b, ratio -> Targets.get(clients, ratio));
        }
      } finally {
        bare.stop();
      }

      Report.Table put =
          report.table(
              new Report.Table(
                  "put",
                  "a. Secret put over mTLS",
                  "Closed-loop clients, each with its own NexusClient, each writing a new version of its own "
                      + "secret (no compare-and-set conflicts; older versions pruned at the default maximum). "
                      + "Baseline: a bare JDBC loop on a SQLite file with the store's settings (WAL, synchronous=FULL, "
                      + "one writer connection behind a lock, BEGIN IMMEDIATE / one INSERT OR REPLACE of a "
                      + row.length
                      + "-byte row, the size of a stored version / COMMIT), same number of threads. "
                      + "Targets (issue 13): ratio >= "
                      + Targets.PUT_RATIO
                      + " at 8 and 64 clients; at 1 client, p50 within "
                      + Targets.PUT_ONE_CLIENT_SLACK_MS
                      + " ms of (bare round trip p50, from the get table's bare endpoint at 1 client, + bare commit p50).",
                  RATIO_COLUMNS));
      for (int clients : settings.concurrency()) {
        LoadResult n =
            loadNexus(
                clients,
                () -> cluster.superuserClient(nexus.port()),
                (client, c) -> {
                  String path = "bench/put/" + clients + "/" + c;
                  return i -> client.putSecret(path, value);
                });
        Path file = work.resolve("bare-" + clients + ".db");
        LoadResult b;
        try (BareEndpoints.CommitLoop loop = new BareEndpoints.CommitLoop(file)) {
          b =
              load(
                  clients,
                  c -> {
                    String prefix = "bench/put/" + c + "/";
                    return i -> loop.insert(prefix + (i % 10), row);
                  });
        }
        Double roundTrip = bareRoundTripP50;
        addRatioRow(
            put,
            clients,
            n,
            b,
            ratio -> Targets.put(clients, ratio, n.p50Millis(), b.p50Millis(), roundTrip));
      }
    } finally {
      nexus.close();
      store.close();
    }
    return bulk;
  }

  /**
   * One row of a {@link #RATIO_COLUMNS} table (Nexus {@code n} beside the baseline {@code b} at
   * {@code clients}, the target cell made from the ratio by {@code target}), and its progress line.
   */
  private static void addRatioRow(
      Report.Table table, int clients, LoadResult n, LoadResult b, DoubleFunction<String> target) {
    double ratio = n.opsPerSecond() / b.opsPerSecond();
    table.add(
        clients,
        n.opsPerSecond(),
        n.p50Millis(),
        n.p99Millis(),
        b.opsPerSecond(),
        b.p50Millis(),
        b.p99Millis(),
        ratio,
        target.apply(ratio),
        n.errors() + b.errors());
    log(
        "  "
            + table.id()
            + " x"
            + clients
            + ": "
            + Report.cell(n.opsPerSecond())
            + " vs bare "
            + Report.cell(b.opsPerSecond()));
  }

  /** A closed-loop run of {@code clients} for this run's warm-up and measured window. */
  private LoadResult load(int clients, IntFunction<LoadRun.Operation> clientFactory) {
    return LoadRun.run(clients, settings.warmup(), settings.measure(), clientFactory);
  }

  /** {@link #load} where each client calls Nexus through its own {@link NexusClient}. */
  private LoadResult loadNexus(
      int clients,
      Supplier<NexusClient> newClient,
      BiFunction<NexusClient, Integer, LoadRun.Operation> operation) {
    return load(clients, c -> operation.apply(newClient.get(), c));
  }

  /** The exact body Nexus sends for a get of {@code path}. */
  private static byte[] rawGetBody(BenchCluster cluster, int port, String path) throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(cluster.clientTls())
            .build();
    HttpResponse<byte[]> response =
        client.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "https://127.0.0.1:"
                            + port
                            + Routes.SECRETS
                            + "?action="
                            + Routes.ACTION_GET))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        Json.encode(new SecretGetRequest(path, 0))))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("get of " + path + " answered " + response.statusCode());
    }
    return response.body();
  }

  // --- b. time to ready after a restart ---

  private void restartBench(BenchCluster cluster, BulkRecords bulk) throws Exception {
    Report.Table table =
        report.table(
            new Report.Table(
                "restart",
                "b. Nexus time to ready after a restart",
                "A SQLite store holding N secrets (bulk-loaded with importAll: real keyring, real record format "
                    + "and associated data), the three keepers already holding their shards and answering. Measured: "
                    + "from opening the store and calling NexusServer.start to Nexus unsealed (keyring unwrapped, key "
                    + "check passed, serving); one get of a bulk secret then proves the records open. Baseline (the "
                    + "floor): opening the store and counting its secret rows. Target: ready within "
                    + (long) READY_TARGET_MS
                    + " ms at 1M.",
                List.of(
                    "secrets",
                    "db MiB",
                    "load s",
                    "open+start ms",
                    "start->unsealed ms",
                    "ready total ms",
                    "baseline open+count ms",
                    "rows counted",
                    "target")));
    for (int size : settings.restartSizes()) {
      Path file = storeFile(size);
      long t0 = System.nanoTime();
      try (SpikeStore store = Stores.open(new StoreConfig.Sqlite(file))) {
        bulk.load(store, size);
      }
      double loadSeconds = (System.nanoTime() - t0) / 1e9;
      log("  loaded " + size + " secrets in " + Report.cell(loadSeconds) + " s");

      long b0 = System.nanoTime();
      long rows;
      try (SpikeStore store = Stores.open(new StoreConfig.Sqlite(file))) {
        rows = countSecrets(file);
      }
      double baselineMs = (System.nanoTime() - b0) / 1e6;

      long r0 = System.nanoTime();
      SpikeStore store = Stores.open(new StoreConfig.Sqlite(file));
      NexusServer nexus = null;
      try {
        nexus = cluster.startNexus(store);
        long r1 = System.nanoTime();
        BenchCluster.awaitUnsealed(nexus, Duration.ofMinutes(5));
        long r2 = System.nanoTime();
        cluster.superuserClient(nexus.port()).getSecret(BulkRecords.path(size - 1), 0);
        double totalMs = (r2 - r0) / 1e6;
        table.add(
            size,
            Files.size(file) / (1024.0 * 1024.0),
            loadSeconds,
            (r1 - r0) / 1e6,
            (r2 - r1) / 1e6,
            totalMs,
            baselineMs,
            rows,
            size >= 1_000_000
                ? Targets.verdict(totalMs <= READY_TARGET_MS, "<= 2000 ms")
                : "(at 1M only)");
        log(
            "  ready with "
                + size
                + " secrets in "
                + Report.cell(totalMs)
                + " ms (floor "
                + Report.cell(baselineMs)
                + ")");
      } finally {
        if (nexus != null) {
          nexus.close();
        }
        store.close();
      }
      if (!settings.snapshotSizes().contains(size)) {
        deleteTree(file.getParent());
      }
    }
  }

  private static long countSecrets(Path file) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM secrets")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  // --- c. snapshots ---

  private void snapshotBench(BulkRecords bulk) throws Exception {
    Report.Table table =
        report.table(
            new Report.Table(
                "snapshot",
                "c. Snapshot save, inspect and restore",
                "On the stores of b (closed, page cache warm). Save: SnapshotWriter.writeFile, signed with an HMAC key "
                    + "as Nexus signs. Inspect: SnapshotReader.inspect. Restore: SnapshotRestorer.restore into a fresh "
                    + "SQLite store. Baseline: Files.copy of the database file plus fsync of the copy. "
                    + "Targets (issue 13, at 1M secrets): save within "
                    + Targets.SAVE_RATIO
                    + "x the copy, restore within "
                    + Targets.RESTORE_RATIO
                    + "x.",
                List.of(
                    "secrets",
                    "db MiB",
                    "snapshot MiB",
                    "copy+fsync ms",
                    "save ms",
                    "save/copy",
                    "inspect ms",
                    "restore ms",
                    "restore/copy",
                    "target")));
    byte[] hmacKey = new byte[32];
    new SecureRandom().nextBytes(hmacKey);
    for (int size : settings.snapshotSizes()) {
      Path file = storeFile(size);
      Path dir = privateDir(work.resolve("snap-" + size));

      long c0 = System.nanoTime();
      Path copy = dir.resolve("copy.db");
      Files.copy(file, copy);
      try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      double copyMs = (System.nanoTime() - c0) / 1e6;
      Files.delete(copy);

      Path snapshot = dir.resolve("bench.spikesnap");
      double saveMs;
      try (SpikeStore store = Stores.open(new StoreConfig.Sqlite(file))) {
        long s0 = System.nanoTime();
        SnapshotWriter.writeFile(
            store,
            snapshot,
            SnapshotOptions.signed(Instant.now(), store.backend(), bulk.keyringTerms(), hmacKey));
        saveMs = (System.nanoTime() - s0) / 1e6;
      }
      long i0 = System.nanoTime();
      InspectReport inspected = SnapshotReader.inspect(snapshot);
      double inspectMs = (System.nanoTime() - i0) / 1e6;
      if (!inspected.ok()) {
        throw new IllegalStateException(
            "the snapshot of " + size + " secrets does not inspect clean");
      }
      long x0 = System.nanoTime();
      try (SpikeStore target = Stores.open(new StoreConfig.Sqlite(dir.resolve("restored.db")))) {
        SnapshotRestorer.restore(snapshot, target, false);
      }
      double restoreMs = (System.nanoTime() - x0) / 1e6;
      double ratio = saveMs / copyMs;
      table.add(
          size,
          Files.size(file) / (1024.0 * 1024.0),
          Files.size(snapshot) / (1024.0 * 1024.0),
          copyMs,
          saveMs,
          ratio,
          inspectMs,
          restoreMs,
          restoreMs / copyMs,
          Targets.snapshot(size, ratio, restoreMs / copyMs));
      log(
          "  snapshot of "
              + size
              + ": save "
              + Report.cell(saveMs)
              + " ms vs copy "
              + Report.cell(copyMs)
              + " ms");
      deleteTree(dir);
      deleteTree(file.getParent());
    }
  }

  private Path storeFile(int size) throws IOException {
    Path dir = privateDir(work.resolve("store-" + size));
    return dir.resolve(StoreConfig.SQLITE_FILE_NAME);
  }

  /** Data directories as the store wants them: owner-only. */
  private static Path privateDir(Path dir) throws IOException {
    return Files.createDirectories(
        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  static String preamble() {
    return "Generated by `./bench` (`./bench --quick` for a smoke run with tiny sizes); do not edit by hand. "
        + "Raw figures: `bench-results/results.json`. Every figure sits beside its baseline, measured in the "
        + "same run on the same machine. Targets are reported here, never asserted in tests. Latencies are "
        + "HdrHistogram percentiles of closed-loop calls; ops/s counts calls completed in the measured window.";
  }

  private static void log(String line) {
    System.err.println("[bench] " + line);
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("[bench] could not delete " + root + ": " + e.getMessage());
    }
  }
}
