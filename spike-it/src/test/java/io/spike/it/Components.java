package io.spike.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
    return 8443 + 100 * (n - 1);
  }

  static String keeperPeers() {
    return "https://localhost:8443,https://localhost:8543,https://localhost:8643";
  }

  Map<String, String> identity(String svid) {
    Map<String, String> env = new HashMap<>();
    env.put("SPIKE_SVID_CERT", devDir.resolve("svid/" + svid + ".crt").toString());
    env.put("SPIKE_SVID_KEY", devDir.resolve("svid/" + svid + ".key").toString());
    env.put("SPIKE_TRUST_BUNDLE", devDir.resolve("ca/bundle.pem").toString());
    env.put("SPIKE_TRUST_ROOT", "spike.ist");
    return env;
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
    Map<String, String> env = identity(svid);
    env.put("SPIKE_KEEPER_TLS_ADDR", "127.0.0.1");
    env.put("SPIKE_KEEPER_TLS_PORT", Integer.toString(port));
    return start("keeper", name, env);
  }

  /** A Nexus on {@code tlsPort}, ops on {@code opsPort}, with the given store settings. */
  Process nexus(String name, int tlsPort, int opsPort, Map<String, String> store) {
    Map<String, String> env = identity("nexus");
    env.put("SPIKE_NEXUS_TLS_ADDR", "127.0.0.1");
    env.put("SPIKE_NEXUS_TLS_PORT", Integer.toString(tlsPort));
    env.put("SPIKE_NEXUS_OPS_ADDR", "127.0.0.1:" + opsPort);
    env.put("SPIKE_NEXUS_KEEPER_PEERS", keeperPeers());
    env.put("SPIKE_NEXUS_KEEPER_UPDATE_INTERVAL", "2s");
    // One audit log per process: replicas may not share one (Nexus refuses a second writer).
    env.put("SPIKE_NEXUS_AUDIT_LOG", logs.resolve(name + "-audit.log").toString());
    env.putAll(store);
    return start("nexus", name, env);
  }

  Cli.Result bootstrap(String nexusUrl) {
    Map<String, String> env = identity("bootstrap");
    env.put("SPIKE_NEXUS_API_URL", nexusUrl);
    env.put("SPIKE_NEXUS_KEEPER_PEERS", keeperPeers());
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
