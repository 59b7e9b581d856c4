package io.spike.it;

import io.spike.api.NexusClient;
import io.spike.api.SpikeHttp;
import io.spike.identity.DevCa;
import io.spike.identity.Role;
import io.spike.identity.SpiffeId;
import io.spike.identity.SvidSource;
import io.spike.identity.SvidSources;
import io.spike.identity.TlsContexts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A dev CA and the SVIDs of every role in the layout {@code spike dev} uses, without starting
 * anything.
 */
final class TestPki {
  private TestPki() {}

  static Path create(Path dir) {
    DevCa ca = DevCa.create(dir.resolve("ca"), "spike.ist");
    issue(ca, dir, "nexus", "/spike/nexus");
    issue(ca, dir, "bootstrap", "/spike/bootstrap");
    issue(ca, dir, "superuser", "/spike/pilot/role/superuser");
    issue(ca, dir, "recover", "/spike/pilot/role/recover");
    issue(ca, dir, "restore", "/spike/pilot/role/restore");
    for (int n = 1; n <= 3; n++) {
      issue(ca, dir, "keeper-" + n, "/spike/keeper/" + n);
    }
    return dir;
  }

  private static void issue(DevCa ca, Path dir, String name, String path) {
    ca.issue(
        SpiffeId.of("spike.ist", path),
        dir.resolve("svid/" + name + ".crt"),
        dir.resolve("svid/" + name + ".key"));
  }

  /** A Nexus client acting as {@code svid} of the dev directory. */
  static NexusClient nexusClient(Path devDir, String svid, int port) {
    SvidSource source =
        SvidSources.fromFiles(
            devDir.resolve("svid/" + svid + ".crt"),
            devDir.resolve("svid/" + svid + ".key"),
            devDir.resolve("ca/bundle.pem"));
    return new NexusClient(
        new SpikeHttp(
            URI.create("https://localhost:" + port),
            TlsContexts.client(source, TlsContexts.role(Role.NEXUS, "spike.ist"))));
  }

  static int status(String url) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return -1;
    }
  }

  static void awaitReady(int opsPort, Duration limit) {
    DevCluster.await(limit, () -> status("http://127.0.0.1:" + opsPort + "/readyz") == 200);
  }
}
