package io.spike.bench;

import io.spike.api.Json;
import io.spike.api.NexusClient;
import io.spike.api.Routes;
import io.spike.api.SpikeHttp;
import io.spike.api.wire.SecretGetRequest;
import io.spike.api.wire.SecretPutRequest;
import io.spike.config.Environment;
import io.spike.config.Settings;
import io.spike.identity.Role;
import io.spike.identity.SvidSource;
import io.spike.identity.SvidSources;
import io.spike.identity.TlsContexts;
import io.spike.identity.TrustRoots;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import javax.net.ssl.SSLContext;

/**
 * The rows measured on the built distribution ({@code spike-dist/target/spike}), against a dev
 * cluster it starts with {@code bin/spike dev up --detach} (real processes, real mTLS, the
 * distribution's JVM options): cluster start time, resident memory of keepers and Nexus, and the
 * CLI's {@code secret get} wall time, each beside its baseline.
 */
final class DistBench {
  static final String SECRET_PATH = "bench/cli";
  static final int DEV_JVMS = 5;
  private static final long TIMEOUT_SECONDS = 300;

  private final BenchSettings settings;
  private final Path work;
  private final Report report;
  private final Path spike;
  private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");

  DistBench(BenchSettings settings, Path work, Report report, Path dist) {
    this.settings = settings;
    this.work = work;
    this.report = report;
    this.spike = dist.resolve("bin").resolve("spike");
    if (!Files.isExecutable(spike)) {
      throw new IllegalStateException(
          "no distribution at "
              + dist.toAbsolutePath()
              + ": build it (./mvnw -B -P'!image' -DskipTests package -pl spike-dist -am)");
    }
  }

  void run() throws Exception {
    Path scratch = Files.createDirectories(work.resolve("dist"));
    Path bareDir = bareJvmClasses(scratch.resolve("bare"));
    Path dev = scratch.resolve("dev");
    String value = "bench-" + Long.toHexString(System.nanoTime());
    // bin/spike and the components it starts use this java, as does every baseline.
    Commands commands = new Commands(scratch, Map.of("JAVA", java.toString()));
    List<String> bare =
        List.of(java.toString(), "-cp", bareDir.toString(), BareJvm.class.getName());
    List<String> down = List.of(spike.toString(), "dev", "down", "--dir", dev.toString());
    Map<String, Process> baselines = new ConcurrentHashMap<>();
    // Should the bench be interrupted (Ctrl-C), the cluster and the baseline JVMs still stop.
    Commands hookCommands =
        new Commands(
            Files.createDirectories(scratch.resolve("hook")), Map.of("JAVA", java.toString()));
    Thread hook =
        new Thread(
            () -> {
              baselines.values().forEach(Process::destroyForcibly);
              hookCommands.run(down, 120);
            });
    Runtime.getRuntime().addShutdownHook(hook);
    log("d. distribution: spike dev up --detach in %s", dev);
    long t0 = System.nanoTime();
    try {
      Commands.Outcome up =
          commands.require(
              List.of(spike.toString(), "dev", "up", "--detach", "--dir", dev.toString()),
              TIMEOUT_SECONDS);
      double upSeconds = (System.nanoTime() - t0) / 1e9;
      Map<String, String> exports = exports(up.stdout());
      Commands cli = commands.with(exports);
      List<String> put =
          curl(exports, "", Json.encode(new SecretPutRequest(SECRET_PATH, Map.of("value", value))));
      List<String> get =
          curl(exports, Routes.ACTION_GET, Json.encode(new SecretGetRequest(SECRET_PATH, 0)));
      long p0 = System.nanoTime();
      cli.require(put, 60);
      Commands.Outcome first = cli.require(get, 60);
      double firstSeconds = (System.nanoTime() - p0) / 1e9;
      double totalSeconds = (System.nanoTime() - t0) / 1e9;
      if (!first.stdout().contains(value)) {
        throw new IllegalStateException("the first get after dev up did not return the value put");
      }
      startTable(commands, bare, upSeconds, firstSeconds, totalSeconds);

      Thread.sleep(2000);
      Report.Table memory = memoryTable();
      try {
        addMemoryRows(memory, dev, "idle", 0, commands, bareDir, baselines, exports);
        cliTable(cli, bare, get, value);
        long operations = loadRuns(exports);
        addMemoryRows(memory, dev, "after load", operations, commands, bareDir, baselines, exports);
      } finally {
        for (Process p : baselines.values()) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    } finally {
      Commands.Outcome stopped = commands.run(down, 120);
      if (!stopped.ok()) {
        log("  dev down failed: %s", stopped.failure());
      }
      Runtime.getRuntime().removeShutdownHook(hook);
    }
  }

  // --- cluster start ---

  private void startTable(
      Commands commands, List<String> bare, double upSeconds, double firstSeconds, double total) {
    Report.Table table =
        report.table(
            new Report.Table(
                "start",
                "d. Cluster start (distribution)",
                "`bin/spike dev up --detach` in a fresh directory (CA, SVIDs, three keepers, Nexus on SQLite, "
                    + "bootstrap), then one put and one get of a secret by curl over mTLS (superuser SVID, "
                    + "the get must return the value). Baseline: the "
                    + DEV_JVMS
                    + " JVMs involved (the CLI, three keepers, Nexus) started one after the other, each a bare JVM "
                    + "(same java) printing one line and exiting: the floor of starting that many JVMs in "
                    + "sequence, with none of our code. Issue 13 sets no target: reported only.",
                List.of(
                    "dev up s",
                    "first put+get s",
                    "dev up to first get s",
                    "baseline " + DEV_JVMS + " bare JVMs s",
                    "ratio",
                    "target")));
    long b0 = System.nanoTime();
    for (int i = 0; i < DEV_JVMS; i++) {
      commands.require(bare, 60);
    }
    double baseline = (System.nanoTime() - b0) / 1e9;
    table.add(upSeconds, firstSeconds, total, baseline, total / baseline, "none (reported)");
    log("  dev up to first get %s s (bare JVMs %s s)", total, baseline);
  }

  // --- CLI secret get ---

  private void cliTable(Commands cli, List<String> bare, List<String> curlGet, String value) {
    Report.Table table =
        report.table(
            new Report.Table(
                "cli",
                "f. CLI secret get (distribution)",
                "`bin/spike secret get "
                    + SECRET_PATH
                    + "` against the dev cluster of d (superuser SVID from the dev CA, mTLS), as a user runs it: "
                    + "bin/spike's flags and its CDS archive lib/spike.jsa; also with SPIKE_JAVA_OPTS=-Xshare:off "
                    + "(no archive) to show the archive's part. Beside it, in the same rounds (interleaved): a bare "
                    + "JVM start (the same java printing one line) and the same request made by curl with the same "
                    + "SVID cert, key and trust bundle (POST "
                    + Routes.SECRETS
                    + "?action="
                    + Routes.ACTION_GET
                    + "). Each call must exit 0 and print the value; failures are counted, never timed. "
                    + settings.cliCalls()
                    + " calls each after one untimed call. Targets (issue 13): CLI <= "
                    + Targets.CLI_SECONDS
                    + " s and <= "
                    + Targets.CLI_RATIO
                    + "x the bare JVM.",
                List.of(
                    "command", "calls", "median s", "p90 s", "x bare JVM", "errors", "target")));
    List<String> get = List.of(spike.toString(), "secret", "get", SECRET_PATH);
    Map<String, Commands> runners = new LinkedHashMap<>();
    Map<String, List<String>> lines = new LinkedHashMap<>();
    runners.put("bare JVM (java, one line)", cli);
    lines.put("bare JVM (java, one line)", bare);
    runners.put("curl, mTLS get", cli);
    lines.put("curl, mTLS get", curlGet);
    runners.put("spike secret get", cli);
    lines.put("spike secret get", get);
    runners.put(
        "spike secret get, -Xshare:off",
        cli.with(Map.of(Settings.JAVA_OPTS.name(), "-Xshare:off")));
    lines.put("spike secret get, -Xshare:off", get);
    Map<String, Timings> timings = new LinkedHashMap<>();
    runners.keySet().forEach(k -> timings.put(k, new Timings()));
    for (int round = 0; round <= settings.cliCalls(); round++) {
      for (String name : runners.keySet()) {
        Commands.Outcome o = runners.get(name).run(lines.get(name), 60);
        boolean bareLine = name.startsWith("bare");
        boolean ok = o.ok() && o.stdout().contains(bareLine ? BareJvm.READY : value);
        if (round > 0) {
          timings.get(name).add(o, ok);
        }
      }
    }
    Double bareMedian = timings.values().iterator().next().median();
    timings.forEach(
        (name, t) -> {
          Double median = t.median();
          Double ratio = median == null || bareMedian == null ? null : median / bareMedian;
          String target = name.equals("spike secret get") ? Targets.cli(median, ratio) : "";
          table.add(
              name,
              t.seconds.size(),
              orError(median),
              orError(t.p90()),
              orError(ratio),
              t.errors(),
              target);
          log("  %s: median %s s, errors %s", name, orError(median), t.errors());
        });
  }

  /** Successful wall times of one command and its failures. */
  private static final class Timings {
    final List<Double> seconds = new ArrayList<>();
    int failed;
    String firstFailure;

    void add(Commands.Outcome outcome, boolean ok) {
      if (ok) {
        seconds.add(outcome.seconds());
      } else {
        failed++;
        if (firstFailure == null) {
          firstFailure = outcome.ok() ? "exit 0 but unexpected output" : outcome.failure();
        }
      }
    }

    Double median() {
      return seconds.isEmpty() ? null : new Samples(seconds).median();
    }

    Double p90() {
      return seconds.isEmpty() ? null : new Samples(seconds).p90();
    }

    String errors() {
      return failed == 0 ? "0" : failed + " (" + firstFailure + ")";
    }
  }

  static Object orError(Double value) {
    return value == null ? "ERROR" : value;
  }

  // --- resident memory ---

  private Report.Table memoryTable() {
    return report.table(
        new Report.Table(
            "memory",
            "e. Resident memory of keepers and Nexus (distribution)",
            "The processes `dev up` started in d (each with the JVM options the distribution gives it, read "
                + "from its /proc/<pid>/cmdline; an @argument file is shown with its contents), from /proc/<pid>/smaps_rollup: RSS and PSS, at idle (2 s after "
                + "the first get) and after get and put load runs against the same Nexus ("
                + settings.concurrency()
                + " closed-loop clients over mTLS, each run the warm-up plus measured window of a). Baseline: a bare "
                + "JVM that sleeps, started with the same java and the same JVM options as the component (so the "
                + "difference is what our code adds). A second baseline, the floor of any mTLS server on this JVM: "
                + "the JDK's own HttpsServer (TLS 1.3, client certificate required, no Jetty, Jackson, logging or "
                + "SPIFFE checks; BareTlsServer), same java and JVM options, after "
                + TLS_FLOOR_REQUESTS
                + " requests by curl with a client certificate. PSS divides the pages a process shares with the other JVMs "
                + "of the run (libjvm, the JDK's CDS archive) among them, so it is the fairer sum. Targets (issue 13, on RSS): keeper <= "
                + (long) Targets.KEEPER_MIB
                + " MiB; Nexus idle <= "
                + (long) Targets.NEXUS_IDLE_MIB
                + " MiB, after load <= "
                + (long) Targets.NEXUS_LOADED_MIB
                + " MiB.",
            List.of(
                "component",
                "state",
                "load ops",
                "RSS MiB",
                "PSS MiB",
                "bare JVM RSS MiB",
                "bare JVM PSS MiB",
                "JDK mTLS server RSS MiB",
                "RSS over bare MiB",
                "JVM options",
                "target")));
  }

  private void addMemoryRows(
      Report.Table table,
      Path dev,
      String state,
      long operations,
      Commands commands,
      Path bareDir,
      Map<String, Process> baselines,
      Map<String, String> exports)
      throws Exception {
    for (String component : List.of("keeper-1", "keeper-2", "keeper-3", "nexus")) {
      long pid = Long.parseLong(Files.readString(dev.resolve(component + ".pid")).trim());
      List<String> options = jvmOptions(pid);
      String key = String.join(" ", options);
      Process baseline = baselines.get(key);
      if (baseline == null) {
        baseline = startSleeper(options, bareDir);
        baselines.put(key, baseline);
      }
      Process tlsFloor = baselines.get("tls " + key);
      if (tlsFloor == null) {
        tlsFloor = startTlsFloor(options, bareDir, exports, commands);
        baselines.put("tls " + key, tlsFloor);
      }
      Smaps ours = Smaps.of(pid);
      Smaps bare = Smaps.of(baseline.pid());
      Smaps floor = Smaps.of(tlsFloor.pid());
      boolean nexus = component.equals("nexus");
      table.add(
          component,
          state,
          operations,
          ours.rssMiB(),
          ours.pssMiB(),
          bare.rssMiB(),
          bare.pssMiB(),
          floor.rssMiB(),
          ours.rssMiB() - bare.rssMiB(),
          describe(options),
          Targets.resident(nexus, !state.equals("idle"), ours.rssMiB()));
      log(
          "  %s %s: RSS %s MiB (bare %s, JDK mTLS server %s)",
          component, state, ours.rssMiB(), bare.rssMiB(), floor.rssMiB());
    }
  }

  /**
   * {@code options} for the table: an argument file ({@code @file}, which the baseline JVM is given
   * as is) is shown as its name and the options in it, {@code (none)} when there are none.
   */
  static String describe(List<String> options) {
    if (options.isEmpty()) {
      return "(none)";
    }
    List<String> shown = new ArrayList<>();
    for (String option : options) {
      Path file = option.startsWith("@") ? Path.of(option.substring(1)) : null;
      if (file == null || !Files.isReadable(file)) {
        shown.add(option);
        continue;
      }
      try {
        List<String> inside = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
          String trimmed = line.strip();
          if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
            inside.add(trimmed);
          }
        }
        shown.add("@" + file.getFileName() + " (" + String.join(" ", inside) + ")");
      } catch (IOException e) {
        shown.add(option);
      }
    }
    return String.join(" ", shown);
  }

  /** The options of a running JVM: its command line between the java binary and {@code -cp}. */
  static List<String> jvmOptions(long pid) throws IOException {
    return jvmOptions(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")));
  }

  static List<String> jvmOptions(String cmdline) {
    List<String> args = List.of(cmdline.split("\0"));
    List<String> options = new ArrayList<>();
    for (String arg : args.subList(1, args.size())) {
      if (arg.equals("-cp") || arg.equals("-classpath") || arg.equals("-jar")) {
        return options;
      }
      options.add(arg);
    }
    throw new IllegalArgumentException("not a java -cp command line");
  }

  /** Requests the JDK mTLS server baseline answers before it is measured. */
  static final int TLS_FLOOR_REQUESTS = 3;

  /**
   * The JDK's HttpsServer with {@code options}, serving with the dev SVID of {@code exports}, after
   * {@link #TLS_FLOOR_REQUESTS} mTLS requests by curl.
   */
  private Process startTlsFloor(
      List<String> options, Path bareDir, Map<String, String> exports, Commands commands)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(options);
    command.addAll(
        List.of(
            "-cp",
            bareDir.toString(),
            BareTlsServer.class.getName(),
            exports.get(Settings.SVID_CERT.name()),
            exports.get(Settings.SVID_KEY.name()),
            exports.get(Settings.TRUST_BUNDLE.name())));
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String line =
        new java.io.BufferedReader(
                new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
            .readLine();
    if (line == null || !line.startsWith(BareTlsServer.READY)) {
      process.destroyForcibly();
      throw new IllegalStateException("the JDK mTLS server " + command + " did not start");
    }
    String port = line.substring(BareTlsServer.READY.length()).strip();
    for (int i = 0; i < TLS_FLOOR_REQUESTS; i++) {
      // -k: the dev SVID names a SPIFFE ID, not 127.0.0.1; the server still checks ours.
      commands.require(curl(exports, List.of("-k"), "{}", "https://127.0.0.1:" + port + "/"), 60);
    }
    Thread.sleep(1000);
    return process;
  }

  private Process startSleeper(List<String> options, Path bareDir) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(options);
    command.addAll(List.of("-cp", bareDir.toString(), BareJvm.class.getName(), "sleep"));
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] line = process.getInputStream().readNBytes(BareJvm.READY.length());
    if (!new String(line, StandardCharsets.UTF_8).equals(BareJvm.READY)) {
      process.destroyForcibly();
      throw new IllegalStateException("the bare JVM " + command + " did not start");
    }
    Thread.sleep(1000);
    return process;
  }

  // --- load against the dev cluster ---

  private long loadRuns(Map<String, String> exports) {
    SvidSource source =
        SvidSources.fromFiles(
            Path.of(exports.get(Settings.SVID_CERT.name())),
            Path.of(exports.get(Settings.SVID_KEY.name())),
            Path.of(exports.get(Settings.TRUST_BUNDLE.name())));
    try {
      TrustRoots trust = TrustRoots.from(Environment.of(Map.of()), source);
      SSLContext tls = TlsContexts.client(source, trust, trust.role(Role.NEXUS));
      URI nexus = URI.create(exports.get(Settings.NEXUS_API_URL.name()));
      Map<String, String> value = Map.of("value", "v".repeat(64));
      long operations = 0;
      long errors = 0;
      for (int clients : settings.concurrency()) {
        LoadResult get = load(clients, nexus, tls, (n, c) -> i -> n.getSecret(SECRET_PATH, 0));
        LoadResult put =
            load(
                clients,
                nexus,
                tls,
                (n, c) -> {
                  String path = "bench/load/" + clients + "/" + c;
                  return i -> n.putSecret(path, value);
                });
        operations += get.operations() + put.operations();
        errors += get.errors() + put.errors();
        log(
            "  load x%s: get %s ops/s, put %s ops/s",
            clients, get.opsPerSecond(), put.opsPerSecond());
      }
      if (errors > 0) {
        report.note("distribution load runs (e): " + errors + " failed calls");
      }
      return operations;
    } finally {
      source.close();
    }
  }

  /** A closed-loop run of {@code clients} against {@code nexus}, each with its own client. */
  private LoadResult load(
      int clients,
      URI nexus,
      SSLContext tls,
      BiFunction<NexusClient, Integer, LoadRun.Operation> operation) {
    return LoadRun.run(
        clients,
        settings.warmup(),
        settings.measure(),
        c -> operation.apply(new NexusClient(new SpikeHttp(nexus, tls)), c));
  }

  // --- helpers ---

  private List<String> curl(Map<String, String> exports, String action, byte[] body) {
    return curl(
        exports,
        List.of("--cacert", exports.get(Settings.TRUST_BUNDLE.name())),
        new String(body, StandardCharsets.UTF_8),
        exports.get(Settings.NEXUS_API_URL.name())
            + Routes.SECRETS
            + (action.isEmpty() ? "" : "?action=" + action));
  }

  /** A JSON POST of {@code body} to {@code url} by curl with the dev SVID of {@code exports}. */
  private static List<String> curl(
      Map<String, String> exports, List<String> serverCheck, String body, String url) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "curl",
                "-sS",
                "--fail",
                "--cert",
                exports.get(Settings.SVID_CERT.name()),
                "--key",
                exports.get(Settings.SVID_KEY.name())));
    command.addAll(serverCheck);
    command.addAll(
        List.of("-X", "POST", "-H", "Content-Type: application/json", "--data-binary", body, url));
    return command;
  }

  /** The {@code export NAME=value} lines of {@code dev up} (values plain, not quoted). */
  static Map<String, String> exports(String stdout) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : stdout.split("\n")) {
      if (line.startsWith("export ")) {
        String assignment = line.substring("export ".length()).strip();
        int eq = assignment.indexOf('=');
        String v = assignment.substring(eq + 1);
        if (v.startsWith("'")) {
          throw new IllegalStateException(
              "run the bench from a directory whose path needs no quoting");
        }
        env.put(assignment.substring(0, eq), v);
      }
    }
    for (String name :
        List.of(
            Settings.SVID_CERT.name(),
            Settings.SVID_KEY.name(),
            Settings.TRUST_BUNDLE.name(),
            Settings.NEXUS_API_URL.name())) {
      if (!env.containsKey(name)) {
        throw new IllegalStateException("dev up printed no " + name);
      }
    }
    return env;
  }

  /** BareJvm's class file alone in {@code dir}, so the baseline JVM loads nothing of ours. */
  /** The baseline classes (JDK only) copied alone into {@code dir}, a class path for them. */
  private static Path bareJvmClasses(Path dir) throws IOException {
    for (Class<?> type :
        List.of(BareJvm.class, BareTlsServer.class, BareTlsServer.ClientAuth.class)) {
      String name = type.getName().replace('.', '/') + ".class";
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      try (InputStream in = type.getClassLoader().getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("no class file " + name);
        }
        Files.copy(in, file);
      }
    }
    return dir;
  }

  /** A progress line: {@code format} with {@code %s} for each cell ({@link Report#cell}). */
  private static void log(String format, Object... cells) {
    Object[] rendered = new Object[cells.length];
    for (int i = 0; i < cells.length; i++) {
      rendered[i] = Report.cell(cells[i]);
    }
    System.err.println("[bench] " + String.format(Locale.ROOT, format, rendered));
  }
}
