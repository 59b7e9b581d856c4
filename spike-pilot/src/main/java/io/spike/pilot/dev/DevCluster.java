package io.spike.pilot.dev;

import io.spike.api.wire.StatusResponse;
import io.spike.pilot.cli.CliFailure;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Brings the local cluster's processes up and waits for them: starts what is not running, waits
 * until Nexus answers, runs bootstrap when Nexus has no root key yet, and waits until Nexus is
 * unsealed. Every wait is bounded and fails with a message naming the log to read; a process that
 * dies while we wait fails the wait at once. Progress lines go to {@code progress} (stderr).
 */
final class DevCluster {
  static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(30);
  static final Duration STATUS_TIMEOUT = Duration.ofSeconds(60);
  static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  static final Duration BOOTSTRAP_TIMEOUT = Duration.ofSeconds(180);

  /** The first start unpacks PostgreSQL and runs initdb. */
  static final Duration POSTGRES_TIMEOUT = Duration.ofSeconds(120);

  private final DevLayout layout;
  private final ClusterShape shape;
  private final ComponentEnv envs;
  private final Processes processes;
  private final PrintStream progress;
  private final Map<Component, ProcessHandle> startedHere = new ConcurrentHashMap<>();

  DevCluster(
      DevLayout layout, ClusterShape shape, Map<String, String> callerEnv, PrintStream progress) {
    this.layout = layout;
    this.shape = shape;
    this.envs = new ComponentEnv(layout, shape, callerEnv);
    this.processes = new Processes(layout, callerEnv);
    this.progress = progress;
  }

  Processes processes() {
    return processes;
  }

  /**
   * Starts every component that is not running, in {@link Component#all} order; returns those it
   * started. The embedded PostgreSQL must accept connections before Nexus starts (Nexus opens its
   * store at start-up), so it is waited for here.
   */
  Map<Component, ProcessHandle> startMissing() {
    Map<Component, ProcessHandle> started = new LinkedHashMap<>();
    for (Component c : Component.all(shape)) {
      startIfStopped(c).ifPresent(h -> started.put(c, h));
      if (c.isPostgres()) {
        awaitListening(c);
      }
    }
    return started;
  }

  /** Starts {@code c} unless it runs already (then empty). */
  Optional<ProcessHandle> startIfStopped(Component c) {
    Optional<ProcessHandle> running = processes.running(c);
    if (running.isPresent()) {
      progress.println("spike dev: " + c.name() + " is running (pid " + running.get().pid() + ")");
      return Optional.empty();
    }
    for (int port : ports(c)) {
      // An orphaned PostgreSQL of this directory holds its port; DevPostgresMain stops it before
      // starting.
      boolean ours = c.isPostgres() && DevPostgresMain.orphan(layout.postgres()).isPresent();
      if (!ours && Probes.listening(port)) {
        throw new CliFailure(
            "cannot start "
                + c.name()
                + ": port "
                + port
                + " on "
                + ComponentEnv.LOOPBACK
                + " is taken (another dev cluster? stop it with ./spike dev down --dir <its directory>)");
      }
    }
    ProcessHandle h = processes.start(c, envs.of(c));
    startedHere.put(c, h);
    progress.println(
        "spike dev: started "
            + c.name()
            + " (pid "
            + h.pid()
            + ", log "
            + layout.log(c.name())
            + ")");
    return Optional.of(h);
  }

  /** The loopback ports {@code c} listens on. */
  static int[] ports(Component c) {
    if (c.isPostgres()) {
      return new int[] {ClusterShape.POSTGRES_PORT};
    }
    return c.isNexus()
        ? new int[] {ComponentEnv.NEXUS_PORT, ComponentEnv.OPS_PORT}
        : new int[] {ClusterShape.keeperPort(c.keeper())};
  }

  /**
   * Waits until {@code c} accepts connections: Nexus's {@code /healthz}, a keeper's TLS port,
   * PostgreSQL's answer to a query.
   */
  void awaitListening(Component c) {
    if (c.isPostgres()) {
      await(
          c,
          "accept connections",
          POSTGRES_TIMEOUT,
          () ->
              Probes.postgresAnswers(ClusterShape.embeddedPostgresUrl())
                  ? Optional.of(Boolean.TRUE)
                  : Optional.empty());
      return;
    }
    int port = c.isNexus() ? 0 : ClusterShape.keeperPort(c.keeper());
    await(
        c,
        "start listening",
        LISTEN_TIMEOUT,
        () ->
            (c.isNexus() ? Probes.ops("healthz") == 200 : Probes.listening(port))
                ? Optional.of(Boolean.TRUE)
                : Optional.empty());
  }

  /** Waits until Nexus answers {@code /v1/sys/status}. */
  StatusResponse awaitStatus(Probes probes) {
    return await(Component.nexus(), "answer its status route", STATUS_TIMEOUT, probes::status);
  }

  /** Runs bootstrap as a process with the bootstrap SVID; output in {@code logs/bootstrap.log}. */
  void bootstrap() {
    progress.println(
        "spike dev: Nexus has no root key yet; running bootstrap (log "
            + layout.log("bootstrap")
            + ")");
    Process p = processes.launch("bootstrap", Processes.BOOTSTRAP_MAIN, envs.bootstrap());
    try {
      if (!p.waitFor(BOOTSTRAP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new CliFailure(
            "bootstrap did not finish within "
                + BOOTSTRAP_TIMEOUT.toSeconds()
                + "s; see "
                + layout.log("bootstrap"));
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new CliFailure("interrupted while bootstrap ran");
    }
    if (p.exitValue() != 0) {
      throw new CliFailure(
          "bootstrap failed (" + lastLine("bootstrap") + "); see " + layout.log("bootstrap"));
    }
  }

  /** Waits until {@code /readyz} says Nexus is unsealed. */
  void awaitReady() {
    await(
        Component.nexus(),
        "unseal",
        READY_TIMEOUT,
        () -> Probes.ops("readyz") == 200 ? Optional.of(Boolean.TRUE) : Optional.empty());
  }

  /** Why a Nexus with a root key cannot unseal when every keeper is new, and what to do. */
  String shardsLost() {
    return "Nexus has a root key but every keeper was restarted, so no shard survived and Nexus stays sealed;"
        + " feed it recovery shards with spike operator restore (identity: ./spike dev env --role restore),"
        + " or start over: ./spike dev down && "
        + startOver(layout, shape);
  }

  /**
   * How to start a cluster over: reset works on SQLite; otherwise the directory goes (with the
   * embedded PostgreSQL).
   */
  static String startOver(DevLayout layout, ClusterShape shape) {
    return "sqlite".equals(shape.backend())
        ? "./spike operator reset --data-dir " + layout.data() + " (or rm -rf " + layout.dir() + ")"
        : "rm -rf "
            + layout.dir()
            + (shape.embeddedPostgres() ? "" : " and empty the database at SPIKE_NEXUS_DB_URL");
  }

  private <T> T await(Component c, String what, Duration timeout, Supplier<Optional<T>> probe) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      Optional<T> result = probe.get();
      if (result.isPresent()) {
        return result.get();
      }
      if (!alive(c)) {
        throw new CliFailure(
            c.name()
                + " exited before it could "
                + what
                + " ("
                + lastLine(c.name())
                + "); see "
                + layout.log(c.name()));
      }
      if (Instant.now().isAfter(deadline)) {
        throw new CliFailure(
            c.name()
                + " did not "
                + what
                + " within "
                + timeout.toSeconds()
                + "s; see "
                + layout.log(c.name()));
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliFailure("interrupted while waiting for " + c.name());
      }
    }
  }

  /** A process this object started is judged by its handle; others by their pid file. */
  private boolean alive(Component c) {
    ProcessHandle mine = startedHere.get(c);
    return mine != null ? mine.isAlive() : processes.running(c).isPresent();
  }

  private String lastLine(String component) {
    try {
      List<String> lines = Files.readAllLines(layout.log(component));
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank()) {
          String line = lines.get(i).trim();
          return line.length() > 300 ? line.substring(0, 300) + "..." : line;
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // Fall through: the message still names the log.
    }
    return "no output";
  }
}
