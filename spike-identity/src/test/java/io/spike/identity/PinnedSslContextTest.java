package io.spike.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.security.KeyManagementException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

class PinnedSslContextTest {

  @Test
  void engines_enableOnlyTls13And12() throws Exception {
    SSLContext context = pinned(false);
    SSLEngine engine = context.createSSLEngine("localhost", 8553);

    assertThat(engine.getEnabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    assertThat(context.createSSLEngine().getEnabledProtocols())
        .containsExactly("TLSv1.3", "TLSv1.2");
    assertThat(context.getDefaultSSLParameters().getProtocols())
        .containsExactly("TLSv1.3", "TLSv1.2");
    assertThat(context.getSupportedSSLParameters().getProtocols())
        .containsExactly("TLSv1.3", "TLSv1.2");
    assertThat(context.getDefaultSSLParameters().getNeedClientAuth()).isFalse();
  }

  @Test
  void serverContext_requiresClientCertificatesByDefault() throws Exception {
    SSLContext context = pinned(true);
    SSLEngine engine = context.createSSLEngine();
    engine.setUseClientMode(false);

    assertThat(engine.getNeedClientAuth()).isTrue();
    assertThat(context.getDefaultSSLParameters().getNeedClientAuth()).isTrue();
    try (SSLServerSocket socket =
        (SSLServerSocket)
            context
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThat(socket.getNeedClientAuth()).isTrue();
      assertThat(socket.getEnabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    }
  }

  @Test
  void clientSockets_enableOnlyTls13And12() throws Exception {
    try (SSLSocket socket = (SSLSocket) pinned(false).getSocketFactory().createSocket()) {
      assertThat(socket.getEnabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    }
  }

  @Test
  void init_isRefused() {
    SSLContext context = pinned(false);

    assertThatThrownBy(() -> context.init(null, null, null))
        .isInstanceOf(KeyManagementException.class);
  }

  @Test
  void protocolName_isThatOfTheDelegate() {
    assertThat(pinned(false).getProtocol()).isEqualTo("TLS");
  }

  private static SSLContext pinned(boolean server) {
    try {
      SSLContext delegate = SSLContext.getInstance("TLS");
      delegate.init(null, null, null);
      return new PinnedSslContext(delegate, server);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
