package io.spike.nexus;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.identity.Role;
import io.spike.identity.TlsContexts;
import io.spike.server.ExpectedHandshakes;
import io.spike.server.TlsScanner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocols and cipher suites a started Nexus's API port completes handshakes with, found by
 * {@link TlsScanner} over real mTLS: exactly {@link ExpectedHandshakes#EC_SVID}. Nexus stays sealed
 * (TLS does not depend on it). What the scan cannot try in this JVM (SSLv3 to TLS 1.1 under the
 * JDK's default policy) it prints; the spike-server build scans {@code JettyServers.tls} once more
 * with nothing disabled.
 */
class NexusServerTlsScanTest {
  @TempDir Path dir;

  @Test
  void startedNexus_completesHandshakesOnlyWithTls13AndTls12AeadSuites() throws Exception {
    try (NexusTestCluster cluster = NexusTestCluster.start(dir)) {
      TlsScanner.Scan scan =
          TlsScanner.scan(
              "127.0.0.1",
              cluster.nexus().port(),
              TlsContexts.client(
                  cluster.superuser(), TlsContexts.role(Role.NEXUS, NexusTestCluster.TD)));
      System.out.print("Nexus:\n" + scan.summary());
      assertThat(scan.accepted()).containsExactlyInAnyOrderElementsOf(ExpectedHandshakes.EC_SVID);
      assertThat(scan.triedProtocols()).contains("TLSv1.2", "TLSv1.3");
    }
  }
}
