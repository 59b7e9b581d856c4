package io.spike.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A cluster brought up by the real {@code spike dev up --detach} in a scratch directory: real
 * processes, real mTLS, a real SQLite file. Components are killed with a literal {@code kill -9}.
 */
final class DevCluster implements AutoCloseable {
  final Path dir;
  final Cli cli;
  private Cli superuser;

  DevCluster(Path dir, Map<String, String> env) {
    this.dir = dir;
    Map<String, String> base = new HashMap<>(env);
    base.putIfAbsent(Settings.KEEPER_UPDATE_INTERVAL.name(), "2s");
    this.cli = new Cli(base);
  }

  DevCluster up() {
    cli.spike("dev", "up", "--detach", "--dir", dir.toString()).ok();
    return this;
  }

  /** The CLI acting as the superuser (the exports of {@code dev env}). */
  Cli superuser() {
    if (superuser == null) {
      superuser = cli.with(cli.spike("dev", "env", "--dir", dir.toString()).ok().exports());
    }
    return superuser;
  }

  Cli role(String role) {
    return cli.with(
        cli.spike("dev", "env", "--dir", dir.toString(), "--role", role).ok().exports());
  }

  Cli workload(String spiffeId) {
    return cli.with(cli.spike("dev", "issue", spiffeId, "--dir", dir.toString()).ok().exports());
  }

  long pid(String component) {
    try {
      return Long.parseLong(Files.readString(dir.resolve(component + ".pid")).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code kill -9} of a component, and wait until it is gone. */
  void kill9(String component) {
    long pid = pid(component);
    new Cli(Map.of()).run("/bin/kill", "-9", Long.toString(pid)).ok();
    await(Duration.ofSeconds(10), () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
  }

  /**
   * Full loss: {@code kill -9} of Nexus and every keeper (their memory, and so the shards, are
   * gone).
   */
  void kill9All() {
    for (String c : new String[] {"nexus", "keeper-1", "keeper-2", "keeper-3"}) {
      if (isRunning(c)) {
        kill9(c);
      }
    }
  }

  boolean isRunning(String component) {
    if (!Files.exists(dir.resolve(component + ".pid"))) {
      return false;
    }
    return ProcessHandle.of(pid(component)).map(ProcessHandle::isAlive).orElse(false);
  }

  void start(String component) {
    cli.spike("dev", "start", component, "--dir", dir.toString()).ok();
  }

  void stop(String component) {
    cli.spike("dev", "stop", component, "--dir", dir.toString()).ok();
  }

  int readyz() {
    return opsGet("/readyz");
  }

  int opsGet(String path) {
    return TestPki.status("http://127.0.0.1:8554" + path);
  }

  void awaitReady(Duration limit) {
    await(limit, () -> readyz() == 200);
  }

  /** Everything every component logged so far. */
  String allLogs() {
    try (Stream<Path> files = Files.list(dir.resolve("logs"))) {
      StringBuilder sb = new StringBuilder();
      for (Path p : files.toList()) {
        sb.append(Files.readString(p, StandardCharsets.UTF_8));
      }
      return sb.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String log(String component) {
    try {
      return Files.readString(
          dir.resolve("logs").resolve(component + ".log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void await(Duration limit, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + limit);
      }
      try {
        TimeUnit.MILLISECONDS.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    Cli.Result r = cli.spike("dev", "down", "--dir", dir.toString());
    assertThat(r.exit()).as("dev down: " + r.err()).isZero();
  }
}
