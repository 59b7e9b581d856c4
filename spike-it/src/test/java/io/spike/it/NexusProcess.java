package io.spike.it;

import io.spike.config.EnvBuilder;
import io.spike.config.Parser.HostPort;
import io.spike.config.Settings;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Nexus of a dev cluster started straight from {@code bin/nexus}, not by {@code spike dev start},
 * with the environment {@code spike dev} gives it plus overrides: to see its exit code and output
 * when it must refuse to start, or to run it with settings dev does not offer (keepers it cannot
 * reach, an audit log on a full disk). Whoever starts one stops it ({@link #close}); {@code dev
 * down} does not know it.
 */
final class NexusProcess implements AutoCloseable {
  private final Process process;
  private final Path output;

  private NexusProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /** What {@code spike dev} sets for the cluster's Nexus in {@code devDir}. */
  static Map<String, String> devEnv(Path devDir) {
    return new EnvBuilder()
        .set(Settings.TRUST_ROOT, "spike.ist")
        .set(Settings.SVID_CERT, devDir.resolve("svid/nexus.crt"))
        .set(Settings.SVID_KEY, devDir.resolve("svid/nexus.key"))
        .set(Settings.TRUST_BUNDLE, devDir.resolve("ca/bundle.pem"))
        .set(Settings.NEXUS_TLS_ADDR, "127.0.0.1")
        .set(Settings.NEXUS_TLS_PORT, 8553)
        .set(Settings.NEXUS_OPS_ADDR, new HostPort("127.0.0.1", 8554))
        .setText(Settings.KEEPER_PEERS, Components.keeperPeers())
        .set(Settings.SHAMIR_SHARES, 3)
        .set(Settings.SHAMIR_THRESHOLD, 2)
        .set(Settings.DATA_DIR, devDir.resolve("data"))
        .set(Settings.BACKEND_STORE, "sqlite")
        .set(Settings.KEEPER_UPDATE_INTERVAL, Duration.ofSeconds(2))
        .build();
  }

  /**
   * Starts {@code bin/nexus} (behind {@code wrapper}, a shell snippet ending in {@code exec "$@"},
   * if given).
   */
  static NexusProcess start(Map<String, String> env, Path output, String wrapper) {
    List<String> cmd = new ArrayList<>();
    if (wrapper != null) {
      cmd.addAll(List.of("/bin/sh", "-c", wrapper, "nexus"));
    }
    cmd.add(Cli.bin("nexus").toString());
    try {
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
      pb.environment().keySet().removeIf(k -> k.startsWith("SPIKE_"));
      pb.environment().putAll(env);
      return new NexusProcess(pb.start(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static NexusProcess start(Map<String, String> env, Path output) {
    return start(env, output, null);
  }

  /** The exit code, waiting at most {@code limit}; fails if it is still running then. */
  int awaitExit(Duration limit) {
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("nexus still running after " + limit + ":\n" + output());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code kill -9}, as a crash would, and wait until it is gone. */
  @Override
  public void close() {
    if (process.isAlive()) {
      Components.kill9(process);
    }
  }
}
