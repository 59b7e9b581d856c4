package io.spike.dist;

import io.spike.config.Settings;
import io.spike.identity.DevCa;
import io.spike.identity.SpiffeId;
import io.spike.pilot.SpikeCli;
import io.spike.pilot.cli.CliContext;
import io.spike.pilot.cli.EnvNexusConnector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The training run behind {@code lib/spike.jsa}, the class-data-sharing archive {@code bin/spike}
 * starts with: the build runs this class once with {@code -XX:ArchiveClassesAtExit}, and every
 * class it loads is archived. It walks the path of a {@code spike secret get} as far as it goes
 * without a Nexus: settings, the picocli command tree, a throw-away development CA's SVID read from
 * PEM files, the mTLS context, the JSON codec and the HTTP client, whose connection to a closed
 * loopback port is refused. Nothing it makes outlives it.
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
    return SpikeCli.run(ctx, "secret", "get", "apps/cds-training");
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
