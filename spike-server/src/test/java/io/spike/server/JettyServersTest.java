package io.spike.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.identity.DevCa;
import io.spike.identity.Role;
import io.spike.identity.SpiffeId;
import io.spike.identity.SvidSource;
import io.spike.identity.SvidSources;
import io.spike.identity.TlsContexts;
import java.nio.file.Path;
import java.security.Security;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link JettyServers#tls} offers, found by real handshakes with {@link TlsScanner}.
 *
 * <p>The build runs this class twice: in the ordinary test JVM, where JDK 17 itself disables SSLv3,
 * TLS 1.0 and 1.1 and some suites on both ends, and in a JVM that disables no TLS algorithm at all
 * ({@code src/test/security/all-tls-algorithms.security}), where only our configuration keeps them
 * out and the scan tries every protocol.
 */
class JettyServersTest {
  private static final String TD = "spike.ist";

  @TempDir static Path dir;
  private static SvidSource serverSvid;
  private static SvidSource clientSvid;
  private static Server server;
  private static TlsScanner.Scan scan;

  @BeforeAll
  static void start() throws Exception {
    DevCa ca = DevCa.create(dir.resolve("ca"), TD);
    ca.issue(SpiffeId.of(TD, Role.NEXUS.path()), dir.resolve("s.crt"), dir.resolve("s.key"));
    ca.issue(SpiffeId.of(TD, Role.SUPERUSER.path()), dir.resolve("c.crt"), dir.resolve("c.key"));
    serverSvid = SvidSources.fromFiles(dir.resolve("s.crt"), dir.resolve("s.key"), ca.bundle());
    clientSvid = SvidSources.fromFiles(dir.resolve("c.crt"), dir.resolve("c.key"), ca.bundle());
    server = TestTlsServers.on(TlsContexts.server(serverSvid), TestTlsServers.notFound());
    server.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
    serverSvid.close();
    clientSvid.close();
  }

  private static SSLContext client() {
    return TlsContexts.client(clientSvid, TlsContexts.role(Role.NEXUS, TD));
  }

  /** One scan per JVM: it makes a few hundred handshakes. */
  private static synchronized TlsScanner.Scan scan() throws Exception {
    if (scan == null) {
      scan = TlsScanner.scan("127.0.0.1", JettyServers.port(server), client());
      System.out.print("JettyServers.tls with an EC SVID:\n" + scan.summary());
    }
    return scan;
  }

  @Test
  void tls_ecSvid_completesHandshakesOnlyWithTls13AndTls12AeadSuites() throws Exception {
    TlsScanner.Scan scan = scan();
    assertThat(scan.accepted()).containsExactlyInAnyOrderElementsOf(ExpectedHandshakes.EC_SVID);
    assertThat(scan.acceptedProtocols()).containsExactly("TLSv1.2", "TLSv1.3");
    assertThat(scan.triedProtocols()).contains("TLSv1.2", "TLSv1.3");
    assertThat(scan.refused()).isNotEmpty();
  }

  /** Only in the JVM that disables nothing: every protocol was offered, and refused but 1.2/1.3. */
  @Test
  @EnabledIf("jvmDisablesNoTlsAlgorithm")
  void tls_clientAndServerJvmAllowEverything_stillOnlyTls13AndTls12Aead() throws Exception {
    TlsScanner.Scan scan = scan();
    assertThat(scan.triedProtocols())
        .containsExactlyInAnyOrder("SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    assertThat(scan.untriedProtocols()).isEmpty();
    assertThat(scan.refused())
        .anySatisfy(pair -> assertThat(pair.suite()).contains("_CBC_"))
        .anySatisfy(pair -> assertThat(pair.protocol()).isEqualTo("TLSv1.1"));
    assertThat(scan.accepted()).containsExactlyInAnyOrderElementsOf(ExpectedHandshakes.EC_SVID);
  }

  static boolean jvmDisablesNoTlsAlgorithm() {
    String disabled = Security.getProperty("jdk.tls.disabledAlgorithms");
    return disabled == null || disabled.isBlank();
  }

  /** A client offering every suite, weakest first, gets the strongest: the server's order wins. */
  @Test
  void tls_clientPrefersWeakSuites_serverPicksItsStrongest() throws Exception {
    assertThat(
            negotiate(
                "TLSv1.3",
                "TLS_AES_128_GCM_SHA256",
                "TLS_CHACHA20_POLY1305_SHA256",
                "TLS_AES_256_GCM_SHA384"))
        .isEqualTo("TLS_AES_256_GCM_SHA384");
    assertThat(
            negotiate(
                "TLSv1.2",
                "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"))
        .isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
  }

  private static String negotiate(String protocol, String... suites) throws Exception {
    try (SSLSocket socket =
        (SSLSocket)
            client().getSocketFactory().createSocket("127.0.0.1", JettyServers.port(server))) {
      socket.setSoTimeout(10_000);
      socket.setEnabledProtocols(new String[] {protocol});
      socket.setEnabledCipherSuites(suites);
      socket.startHandshake();
      socket.getSession().invalidate();
      return socket.getSession().getCipherSuite();
    }
  }

  @Test
  void supported_jvmLacksSome_keepsTheRestInOrder() {
    assertThat(JettyServers.supported(List.of("A", "B", "C", "D"), Set.of("D", "B", "X")))
        .containsExactly("B", "D");
  }

  @Test
  void supported_jvmLacksAll_failsSayingWhich() {
    assertThatThrownBy(() -> JettyServers.supported(List.of("A", "B"), Set.of("X")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("A, B");
  }

  /** The list itself: AEAD with ECDHE or TLS 1.3 only, whatever this JVM supports. */
  @Test
  void cipherSuites_areAeadWithForwardSecrecyOnly() throws Exception {
    assertThat(JettyServers.CIPHER_SUITES)
        .allSatisfy(
            suite -> {
              assertThat(suite)
                  .matches(
                      "TLS_(AES_(128|256)_GCM|CHACHA20_POLY1305)_SHA(256|384)"
                          + "|TLS_ECDHE_(ECDSA|RSA)_WITH_(AES_(128|256)_GCM|CHACHA20_POLY1305)_SHA(256|384)");
            });
    assertThat(Arrays.asList(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites()))
        .containsAll(JettyServers.CIPHER_SUITES);
  }
}
