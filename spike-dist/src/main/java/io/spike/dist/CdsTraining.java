package io.spike.dist;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.spike.api.Json;
import io.spike.api.wire.SecretGetResponse;
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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The training run behind {@code lib/spike.jsa}, the class-data-sharing archive {@code bin/spike}
 * starts with: the build runs this class once with {@code -XX:ArchiveClassesAtExit}, and every
 * class it loads is archived. It walks the whole path of a {@code spike secret get}: settings, the
 * picocli command tree, a throw-away development CA's SVID read from PEM files, the mTLS context,
 * the JSON codec, the HTTP client, the TLS handshake, and the answer read and printed, against a
 * stand-in Nexus on a loopback port (the JDK's own HTTPS server with a Nexus SVID of the same CA,
 * answering every request with one secret). Nothing it makes outlives it.
 */
public final class CdsTraining {
  private CdsTraining() {}

  /** Runs the training; the exit code is 0 when the walk went as expected. */
  public static void main(String[] args) throws IOException {
    // The CLI runs with SLF4J's no-op provider (CliLogging); so does the training.
    System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
    System.setProperty("slf4j.internal.verbosity", "WARN");
    Path dir = Files.createTempDirectory("spike-cds-");
    try {
      int code = train(dir);
      System.exit(code == 0 ? 0 : 1);
    } finally {
      deleteTree(dir);
    }
  }

  /** The exit code of the training {@code secret get}: 0 when all is well. */
  static int train(Path dir) throws IOException {
    DevCa ca = DevCa.create(dir.resolve("ca"), "spike.ist");
    Path cert = dir.resolve("superuser.crt");
    Path key = dir.resolve("superuser.key");
    ca.issue(SpiffeId.parse("spiffe://spike.ist/spike/pilot/role/superuser"), cert, key);
    Path nexusCert = dir.resolve("nexus.crt");
    Path nexusKey = dir.resolve("nexus.key");
    ca.issue(SpiffeId.parse("spiffe://spike.ist/spike/nexus"), nexusCert, nexusKey);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (SvidSource nexus = SvidSources.fromFiles(nexusCert, nexusKey, ca.bundle())) {
      HttpsServer server = standInNexus(nexus, pool);
      try {
        Map<String, String> env =
            Map.of(
                Settings.SVID_CERT.name(), cert.toString(),
                Settings.SVID_KEY.name(), key.toString(),
                Settings.TRUST_BUNDLE.name(), ca.bundle().toString(),
                Settings.NEXUS_API_URL.name(),
                    "https://127.0.0.1:" + server.getAddress().getPort());
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
        return SpikeCli.run(ctx, "secret", "get", "apps/cds-training");
      } finally {
        server.stop(0);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * An HTTPS server on a loopback port that requires a client certificate and answers every request
   * with a secret, as Nexus answers a get.
   */
  private static HttpsServer standInNexus(SvidSource nexus, ExecutorService pool)
      throws IOException {
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(TlsContexts.server(nexus, id -> true)) {
          @Override
          public void configure(HttpsParameters params) {
            params.setNeedClientAuth(true);
          }
        });
    byte[] answer = Json.encode(new SecretGetResponse(Map.of("password", "training"), 1));
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
          }
        });
    server.setExecutor(pool);
    server.start();
    return server;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
