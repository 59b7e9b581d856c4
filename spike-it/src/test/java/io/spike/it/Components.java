package io.spike.it;

import io.spike.config.EnvBuilder;
import io.spike.config.Parser.HostPort;
import io.spike.config.Settings;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts Nexus and keepers straight from the distribution's {@code bin/} with the SVIDs of a dev
 * directory, for layouts {@code spike dev} does not make (two Nexus replicas, a Nexus on a restored
 * PostgreSQL). Everything it started is killed on close.
 */
final class Components implements AutoCloseable {
  private final Path devDir;
  private final Path logs;
  private final List<Process> started = new ArrayList<>();

  Components(Path devDir, Path logs) {
    this.devDir = devDir;
    this.logs = logs;
    try {
      Files.createDirectories(logs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int keeperPort(int n) {
    return Settings.defaultKeeperPort(n);
  }

  static String keeperPeers() {
    return "https://localhost:8443,https://localhost:8543,https://localhost:8643";
  }

  Map<String, String> identity(String svid) {
    return new EnvBuilder()
        .set(Settings.SVID_CERT, devDir.resolve("svid/" + svid + ".crt"))
        .set(Settings.SVID_KEY, devDir.resolve("svid/" + svid + ".key"))
        .set(Settings.TRUST_BUNDLE, devDir.resolve("ca/bundle.pem"))
        .set(Settings.TRUST_ROOT, "spike.ist")
        .build();
  }

  Process keeper(int n) {
    return keeper("keeper-" + n, keeperPort(n), "keeper-" + n);
  }

  /**
   * A keeper with the SVID {@code svid} of the dev directory on {@code port} (e.g. an impostor).
   */
  Process keeper(String svid, int port) {
    return keeper(svid, port, svid + "-on-" + port);
  }

  private Process keeper(String svid, int port, String name) {
    Map<String, String> env =
        new EnvBuilder(identity(svid))
            .set(Settings.KEEPER_TLS_ADDR, "127.0.0.1")
            .set(Settings.KEEPER_TLS_PORT, port)
            .build();
    return start("keeper", name, env);
  }

  /** A Nexus on {@code tlsPort}, ops on {@code opsPort}, with the given store settings. */
  Process nexus(String name, int tlsPort, int opsPort, Map<String, String> store) {
    Map<String, String> env =
        new EnvBuilder(identity("nexus"))
            .set(Settings.NEXUS_TLS_ADDR, "127.0.0.1")
            .set(Settings.NEXUS_TLS_PORT, tlsPort)
            .set(Settings.NEXUS_OPS_ADDR, new HostPort("127.0.0.1", opsPort))
            .setText(Settings.KEEPER_PEERS, keeperPeers())
            .set(Settings.KEEPER_UPDATE_INTERVAL, Duration.ofSeconds(2))
            // One audit log per process: replicas may not share one (Nexus refuses a second
            // writer).
            .set(Settings.AUDIT_LOG, logs.resolve(name + "-audit.log"))
            .putAll(store)
            .build();
    return start("nexus", name, env);
  }

  Cli.Result bootstrap(String nexusUrl) {
    Map<String, String> env =
        new EnvBuilder(identity("bootstrap"))
            .setText(Settings.NEXUS_API_URL, nexusUrl)
            .setText(Settings.KEEPER_PEERS, keeperPeers())
            .build();
    return new Cli(env).run(Cli.bin("bootstrap").toString());
  }

  private Process start(String bin, String name, Map<String, String> env) {
    try {
      ProcessBuilder pb =
          new ProcessBuilder(Cli.bin(bin).toString())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
      pb.environment().keySet().removeIf(k -> k.startsWith("SPIKE_"));
      pb.environment().putAll(env);
      Process p = pb.start();
      started.add(p);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code kill -9}, as a crash would. */
  static void kill9(Process p) {
    new Cli(Map.of()).run("/bin/kill", "-9", Long.toString(p.pid())).ok();
    try {
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  Path auditLog(String name) {
    return logs.resolve(name + "-audit.log");
  }

  String logs() {
    StringBuilder sb = new StringBuilder();
    try (var files = Files.list(logs)) {
      for (Path f : files.toList()) {
        sb.append(Files.readString(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sb.toString();
  }

  @Override
  public void close() {
    for (Process p : started) {
      if (p.isAlive()) {
        p.destroyForcibly();
        try {
          p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
