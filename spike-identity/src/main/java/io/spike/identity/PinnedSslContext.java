package io.spike.identity;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An {@link SSLContext} that wraps an initialised one and pins what it hands out: every engine,
 * socket, server socket and default parameter set enables only TLS 1.3 and 1.2, and (for a server
 * context) requires a client certificate. Code that later overrides these on an engine (e.g.
 * Jetty's {@code setNeedClientAuth(false)}) wins, so servers should still ask for client auth
 * explicitly.
 */
final class PinnedSslContext extends SSLContext {

  static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  PinnedSslContext(SSLContext delegate, boolean server) {
    super(new Spi(delegate, server), delegate.getProvider(), delegate.getProtocol());
  }

  private static final class Spi extends SSLContextSpi {
    private final SSLContext delegate;
    private final boolean server;
    private final String[] protocols;

    Spi(SSLContext delegate, boolean server) {
      this.delegate = delegate;
      this.server = server;
      List<String> supported = Arrays.asList(delegate.getSupportedSSLParameters().getProtocols());
      this.protocols = PROTOCOLS.stream().filter(supported::contains).toArray(String[]::new);
      if (protocols.length == 0) {
        throw new IdentityException("this JVM supports neither TLSv1.3 nor TLSv1.2");
      }
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random)
        throws KeyManagementException {
      throw new KeyManagementException("SPIKE SSL contexts are initialised by TlsContexts");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return new PinnedSocketFactory(delegate.getSocketFactory(), this);
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      return new PinnedServerSocketFactory(delegate.getServerSocketFactory(), this);
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return pin(delegate.createSSLEngine());
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      return pin(delegate.createSSLEngine(host, port));
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return delegate.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return delegate.getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      SSLParameters parameters = delegate.getDefaultSSLParameters();
      pin(parameters::setProtocols, parameters::setNeedClientAuth);
      return parameters;
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      SSLParameters parameters = delegate.getSupportedSSLParameters();
      parameters.setProtocols(protocols.clone());
      return parameters;
    }

    SSLEngine pin(SSLEngine engine) {
      pin(engine::setEnabledProtocols, engine::setNeedClientAuth);
      return engine;
    }

    Socket pin(Socket socket) {
      if (socket instanceof SSLSocket ssl) {
        pin(ssl::setEnabledProtocols, ssl::setNeedClientAuth);
      }
      return socket;
    }

    ServerSocket pin(ServerSocket socket) {
      if (socket instanceof SSLServerSocket ssl) {
        pin(ssl::setEnabledProtocols, ssl::setNeedClientAuth);
      }
      return socket;
    }

    /**
     * The one pinning rule, applied through the setters of an engine, socket or parameter set (they
     * share no interface): only our protocols, and a server requires a client certificate.
     */
    private void pin(Consumer<String[]> enableProtocols, Consumer<Boolean> needClientAuth) {
      enableProtocols.accept(protocols.clone());
      if (server) {
        needClientAuth.accept(true);
      }
    }
  }

  private static final class PinnedSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;
    private final Spi spi;

    PinnedSocketFactory(SSLSocketFactory delegate, Spi spi) {
      this.delegate = delegate;
      this.spi = spi;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
      return spi.pin(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose)
        throws IOException {
      return spi.pin(delegate.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose)
        throws IOException {
      return spi.pin(delegate.createSocket(socket, consumed, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return spi.pin(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return spi.pin(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return spi.pin(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(
        InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return spi.pin(delegate.createSocket(address, port, localAddress, localPort));
    }
  }

  private static final class PinnedServerSocketFactory extends SSLServerSocketFactory {
    private final SSLServerSocketFactory delegate;
    private final Spi spi;

    PinnedServerSocketFactory(SSLServerSocketFactory delegate, Spi spi) {
      this.delegate = delegate;
      this.spi = spi;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate.getSupportedCipherSuites();
    }

    @Override
    public ServerSocket createServerSocket() throws IOException {
      return spi.pin(delegate.createServerSocket());
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      return spi.pin(delegate.createServerSocket(port));
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
      return spi.pin(delegate.createServerSocket(port, backlog));
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address)
        throws IOException {
      return spi.pin(delegate.createServerSocket(port, backlog, address));
    }
  }
}
