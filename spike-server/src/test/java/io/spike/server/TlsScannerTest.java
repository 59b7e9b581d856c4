package io.spike.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.identity.DevCa;
import io.spike.identity.Role;
import io.spike.identity.SvidSource;
import io.spike.identity.TlsContexts;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner does not count a handshake the server refuses after the client has finished. */
class TlsScannerTest {
  private static final String TD = "spike.ist";

  @TempDir Path dir;

  /**
   * In TLS 1.3 the server checks the client certificate after the client's handshake has completed:
   * a scanner that stopped there would report every TLS 1.3 suite as accepted.
   */
  @Test
  void scan_serverRefusesTheClientCertificate_acceptsNothing() throws Exception {
    DevCa ca = DevCa.create(dir.resolve("ca"), TD);
    try (SvidSource serverSvid = DevSvids.issue(ca, dir, TD, Role.NEXUS.path());
        SvidSource clientSvid = DevSvids.issue(ca, dir, TD, Role.SUPERUSER.path())) {
      Server server =
          TestTlsServers.on(TlsContexts.server(serverSvid, id -> false), TestTlsServers.notFound());
      server.start();
      try {
        TlsScanner.Scan scan =
            TlsScanner.scan(
                "127.0.0.1",
                JettyServers.port(server),
                TlsContexts.client(clientSvid, TlsContexts.role(Role.NEXUS, TD)));
        assertThat(scan.accepted()).isEmpty();
        assertThat(scan.refused())
            .contains(
                new TlsScanner.Pair("TLSv1.3", "TLS_AES_256_GCM_SHA384"),
                new TlsScanner.Pair("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"));
      } finally {
        server.stop();
      }
    }
  }
}
