package io.spike.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.config.EnvBuilder;
import io.spike.config.Parser.HostPort;
import io.spike.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: the image tarball {@code spike-dist/target/spike-image.tar}, loaded with podman, runs a
 * whole cluster as production would: two keepers, a Nexus on a volume, bootstrap and the CLI, each
 * in its own container with a read-only root file system, a tmpfs {@code /tmp}, no capabilities,
 * host network and its SVID mounted read-only as files. A put and a get succeed; after {@code
 * podman kill} of the Nexus container, a new Nexus container on the same volume recovers the root
 * key from the keepers by itself and the get still returns the value.
 *
 * <p>Skipped, with the reason, where podman cannot run at all; with {@code CI=true} that is a
 * failure instead (CI runs {@code deploy/container/podman-setup.sh} first).
 */
class ContainerIT {
  private static final Path IMAGE = Cli.DIST.resolveSibling("spike-image.tar");
  private static final String SVID_DIR = "/run/spike/svid";

  private final int[] keeperPorts = {freePort(), freePort()};
  private final int nexusPort = freePort();
  private final int opsPort = freePort();
  private final Map<String, String> shamir =
      new EnvBuilder()
          .set(Settings.SHAMIR_SHARES, 2)
          .set(Settings.SHAMIR_THRESHOLD, 2)
          .setText(
              Settings.KEEPER_PEERS,
              "https://localhost:" + keeperPorts[0] + ",https://localhost:" + keeperPorts[1])
          .build();
  private Path root;
  private Path dev;

  @Test
  void keepersNexusBootstrapAndCli_inContainers_putGet_thenKilledNexusRecoversFromKeepers()
      throws IOException {
    Optional<String> unavailable = Podman.unavailable();
    if (unavailable.isPresent() && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(unavailable.get() + "; CI=true, so this is a failure");
    }
    Assumptions.assumeTrue(unavailable.isEmpty(), () -> unavailable.get());
    root = Files.createTempDirectory("spike-it-container");
    dev = TestPki.create(root.resolve("dev"));

    try (Podman podman = new Podman()) {
      String image = podman.load(IMAGE);
      String data = podman.volume("nexus-data");
      try {
        for (int n = 1; n <= 2; n++) {
          Map<String, String> env =
              new EnvBuilder()
                  .set(Settings.KEEPER_TLS_ADDR, "127.0.0.1")
                  .set(Settings.KEEPER_TLS_PORT, keeperPorts[n - 1])
                  .build();
          podman.start("keeper-" + n, options("keeper-" + n, env, List.of()), image, "keeper");
        }
        String nexus = podman.start("nexus", nexusOptions(data), image, "nexus");
        DevCluster.await(
            Duration.ofSeconds(90),
            () -> TestPki.status("http://127.0.0.1:" + opsPort + "/healthz") == 200);
        podman.run(options("bootstrap", client(), List.of()), image, "bootstrap").ok();
        TestPki.awaitReady(opsPort, Duration.ofSeconds(60));

        List<String> superuser = options("superuser", client(), List.of());
        podman.run(superuser, image, "spike", "secret", "put", "apps/web/db", "pass=s3cr3t").ok();
        assertThat(get(podman, superuser, image)).isEqualTo("s3cr3t");

        workloadApiClientLoadsItsNativeTransport(podman, image);

        podman.kill(nexus);
        podman.start("nexus-2", nexusOptions(data), image, "nexus");
        TestPki.awaitReady(opsPort, Duration.ofSeconds(90));
        assertThat(get(podman, superuser, image)).isEqualTo("s3cr3t");
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(e.getMessage() + "\n" + podman.allLogs(), e);
      }
    }
  }

  /** Nexus with its data on the volume {@code data}; every Nexus container gets the same. */
  private List<String> nexusOptions(String data) throws IOException {
    Map<String, String> env =
        new EnvBuilder(shamir)
            .set(Settings.NEXUS_TLS_ADDR, "127.0.0.1")
            .set(Settings.NEXUS_TLS_PORT, nexusPort)
            .set(Settings.NEXUS_OPS_ADDR, new HostPort("127.0.0.1", opsPort))
            .set(Settings.KEEPER_UPDATE_INTERVAL, Duration.ofSeconds(2))
            .build();
    return options("nexus", env, List.of("--volume", data + ":/var/lib/spike"));
  }

  /** The settings of bootstrap and the CLI. */
  private Map<String, String> client() {
    return new EnvBuilder(shamir)
        .setText(Settings.NEXUS_API_URL, "https://localhost:" + nexusPort)
        .build();
  }

  /**
   * The Workload API path, which this test's SPIRE-less cluster does not take: the CLI with {@code
   * SPIFFE_ENDPOINT_SOCKET} on a socket nobody serves gets as far as connecting with java-spiffe's
   * netty epoll transport (its native library is unpacked to {@code /tmp} and loaded, and every
   * class it needs is in the image), then waits for an agent.
   */
  private void workloadApiClientLoadsItsNativeTransport(Podman podman, String image)
      throws IOException {
    Map<String, String> env =
        new EnvBuilder()
            .set(Settings.ENDPOINT_SOCKET, "unix:///tmp/no-agent.sock")
            .set(Settings.DEBUG, true)
            .build();
    String cli =
        podman.start(
            "workload-api", options("superuser", env, List.of()), image, "spike", "status");
    DevCluster.await(Duration.ofSeconds(60), () -> podman.logs(cli).contains("doConnect"));
    assertThat(podman.logs(cli))
        .containsPattern("Successfully loaded the library /tmp/\\S*native_epoll")
        .doesNotContain(
            "UnsatisfiedLinkError", "NoClassDefFoundError", "ClassNotFoundException: io.spiffe");
    podman.remove(cli);
  }

  private static String get(Podman podman, List<String> superuser, String image) {
    return podman
        .run(superuser, image, "spike", "secret", "get", "apps/web/db", "pass")
        .ok()
        .out()
        .strip();
  }

  /**
   * {@code podman run} options for a component: its settings and SVID as files under {@link
   * #SVID_DIR} (a copy the container's user owns, mounted read-only), a read-only root file system
   * with a tmpfs {@code /tmp}, and {@code more}.
   */
  private List<String> options(String svid, Map<String, String> settings, List<String> more)
      throws IOException {
    Path dir = root.resolve("mounts").resolve(svid + "-" + System.nanoTime());
    Files.createDirectories(dir);
    Files.copy(dev.resolve("svid/" + svid + ".crt"), dir.resolve("svid.crt"));
    Files.copy(dev.resolve("svid/" + svid + ".key"), dir.resolve("svid.key"));
    Files.copy(dev.resolve("ca/bundle.pem"), dir.resolve("bundle.pem"));
    Map<String, String> env =
        new EnvBuilder(settings)
            .set(Settings.SVID_CERT, Path.of(SVID_DIR, "svid.crt"))
            .set(Settings.SVID_KEY, Path.of(SVID_DIR, "svid.key"))
            .set(Settings.TRUST_BUNDLE, Path.of(SVID_DIR, "bundle.pem"))
            .set(Settings.TRUST_ROOT, "spike.ist")
            .build();
    List<String> options = new ArrayList<>();
    options.addAll(List.of("--read-only", "--tmpfs", "/tmp:rw,exec,nosuid,nodev"));
    options.addAll(List.of("--cap-drop=all", "--security-opt=no-new-privileges"));
    options.addAll(List.of("--volume", dir + ":" + SVID_DIR + ":ro,U"));
    options.addAll(List.of("--env", "JAVA_TOOL_OPTIONS=-Xmx256m"));
    env.forEach((k, v) -> options.addAll(List.of("--env", k + "=" + v)));
    options.addAll(more);
    return options;
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
