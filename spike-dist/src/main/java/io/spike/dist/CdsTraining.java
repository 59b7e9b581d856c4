package io.spike.dist;

import io.spike.config.Settings;
import io.spike.identity.DevCa;
import io.spike.identity.SpiffeId;
import io.spike.identity.SvidSource;
import io.spike.identity.SvidSources;
import io.spike.identity.TlsContexts;
import io.spike.pilot.SpikeCli;
import io.spike.pilot.cli.CliContext;
import io.spike.pilot.cli.EnvNexusConnector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The training run behind {@code lib/spike.jsa}, the class-data-sharing archive {@code bin/spike}
 * starts with: the build runs this class once with {@code -XX:ArchiveClassesAtExit}, and every
 * class it loads is archived. It walks the path of a {@code spike secret get} as far as it goes
 * without a Nexus: settings, the picocli command tree, a throw-away development CA's SVID read from
 * PEM files, the mTLS context, the JSON codec and the HTTP client, whose connection to a closed
 * loopback port is refused, and a TLS handshake in memory with a Nexus SVID of the same CA. Nothing
 * it makes outlives it.
 */
public final class CdsTraining {
  /** A loopback port nothing listens on (discard): the request fails at once. */
  static final String NO_NEXUS = "https://127.0.0.1:9";

  private CdsTraining() {}

  /** Runs the training; the exit code is 0 when the walk went as expected. */
  public static void main(String[] args) throws IOException {
    // As the CLI runs without SPIKE_DEBUG (CliLogging): SLF4J's no-op provider, no Logback.
    System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
    System.setProperty("slf4j.internal.verbosity", "WARN");
    Path dir = Files.createTempDirectory("spike-cds-");
    try {
      int code = train(dir);
      System.exit(code == 1 ? 0 : 1);
    } finally {
      deleteTree(dir);
    }
  }

  /** The exit code of the training {@code secret get}: 1 (Nexus unreachable) when all is well. */
  static int train(Path dir) {
    DevCa ca = DevCa.create(dir.resolve("ca"), "spike.ist");
    Path cert = dir.resolve("superuser.crt");
    Path key = dir.resolve("superuser.key");
    ca.issue(SpiffeId.parse("spiffe://spike.ist/spike/pilot/role/superuser"), cert, key);
    Map<String, String> env =
        Map.of(
            Settings.SVID_CERT.name(), cert.toString(),
            Settings.SVID_KEY.name(), key.toString(),
            Settings.TRUST_BUNDLE.name(), ca.bundle().toString(),
            Settings.NEXUS_API_URL.name(), NO_NEXUS);
    PrintStream discard =
        new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    CliContext ctx =
        new CliContext(
            env,
            discard,
            discard,
            new ByteArrayInputStream(new byte[0]),
            new EnvNexusConnector(env));
    SpikeCli.run(ctx, "--help");
    int code = SpikeCli.run(ctx, "secret", "get", "apps/cds-training");
    Path nexusCert = dir.resolve("nexus.crt");
    Path nexusKey = dir.resolve("nexus.key");
    ca.issue(SpiffeId.parse("spiffe://spike.ist/spike/nexus"), nexusCert, nexusKey);
    try (SvidSource client = SvidSources.fromFiles(cert, key, ca.bundle());
        SvidSource nexus = SvidSources.fromFiles(nexusCert, nexusKey, ca.bundle())) {
      handshake(
          TlsContexts.client(client, id -> true).createSSLEngine(),
          TlsContexts.server(nexus, id -> true).createSSLEngine());
    } catch (Exception e) {
      return -1;
    }
    return code;
  }

  /**
   * A TLS handshake between two engines in memory (no socket): the classes of the CLI's real
   * handshake with Nexus, which the refused connection above never reaches.
   */
  static void handshake(SSLEngine client, SSLEngine server) throws SSLException {
    client.setUseClientMode(true);
    server.setUseClientMode(false);
    server.setNeedClientAuth(true);
    int size = Math.max(client.getSession().getPacketBufferSize(), 64 * 1024);
    ByteBuffer toServer = ByteBuffer.allocate(size);
    ByteBuffer toClient = ByteBuffer.allocate(size);
    ByteBuffer app = ByteBuffer.allocate(size);
    client.beginHandshake();
    server.beginHandshake();
    for (int step = 0; step < 100 && !(done(client) && done(server)); step++) {
      flight(client, server, toServer, app);
      flight(server, client, toClient, app);
    }
    if (!done(client) || !done(server)) {
      throw new SSLException("the training handshake did not finish");
    }
  }

  /** What {@code from} has to send, to {@code to}, and the tasks that gives {@code to}. */
  private static void flight(SSLEngine from, SSLEngine to, ByteBuffer wire, ByteBuffer app)
      throws SSLException {
    from.wrap(ByteBuffer.allocate(0), wire);
    wire.flip();
    to.unwrap(wire, app);
    wire.compact();
    app.clear();
    runTasks(to);
  }

  private static boolean done(SSLEngine engine) {
    HandshakeStatus status = engine.getHandshakeStatus();
    return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
  }

  private static void runTasks(SSLEngine engine) {
    for (Runnable task = engine.getDelegatedTask();
        task != null;
        task = engine.getDelegatedTask()) {
      task.run();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
