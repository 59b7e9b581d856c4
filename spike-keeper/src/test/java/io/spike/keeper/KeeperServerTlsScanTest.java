package io.spike.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.identity.DevCa;
import io.spike.identity.Role;
import io.spike.identity.SvidSource;
import io.spike.identity.TlsContexts;
import io.spike.server.DevSvids;
import io.spike.server.ExpectedHandshakes;
import io.spike.server.TlsScanner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocols and cipher suites a started keeper completes handshakes with, found by {@link
 * TlsScanner} over real mTLS: exactly {@link ExpectedHandshakes#EC_SVID}. What the scan cannot try
 * in this JVM (SSLv3 to TLS 1.1 under the JDK's default policy) it prints; the spike-server build
 * scans {@code JettyServers.tls} once more with nothing disabled.
 */
class KeeperServerTlsScanTest {
  private static final String TD = "spike.ist";

  @TempDir Path dir;

  @Test
  void startedKeeper_completesHandshakesOnlyWithTls13AndTls12AeadSuites() throws Exception {
    DevCa ca = DevCa.create(dir.resolve("ca"), TD);
    try (SvidSource keeperSvid = DevSvids.issue(ca, dir, TD, Role.KEEPER.path() + "/1");
        SvidSource nexusSvid = DevSvids.issue(ca, dir, TD, Role.NEXUS.path());
        KeeperServer keeper =
            new KeeperServer(new KeeperConfig("127.0.0.1", 0, TD), keeperSvid).start()) {
      TlsScanner.Scan scan =
          TlsScanner.scan(
              "127.0.0.1",
              keeper.port(),
              TlsContexts.client(nexusSvid, TlsContexts.role(Role.KEEPER, TD)));
      System.out.print("keeper:\n" + scan.summary());
      assertThat(scan.accepted()).containsExactlyInAnyOrderElementsOf(ExpectedHandshakes.EC_SVID);
      assertThat(scan.triedProtocols()).contains("TLSv1.2", "TLSv1.3");
    }
  }
}
