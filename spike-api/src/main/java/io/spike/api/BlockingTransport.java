package io.spike.api;

import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.Socket;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * {@link Transport} over {@link HttpsURLConnection}: blocking HTTP/1.1 on the calling thread, for
 * the short-lived CLI. The JDK client's selector thread sits in {@code epoll_wait} (native code),
 * and HotSpot waits up to 300 ms at exit for such threads; this transport starts none.
 *
 * <p>As strict as {@link JdkTransport}: the same {@link SSLContext} (its trust manager checks the
 * peer's SPIFFE ID), TLS 1.3 and 1.2 only (set on every socket), endpoint identification {@code
 * HTTPS} set on every socket exactly as the JDK client sets it. With an identification algorithm
 * set, {@code HttpsURLConnection} does not consult a {@link javax.net.ssl.HostnameVerifier} (none
 * is installed here); the check is the trust manager's, which identifies peers by SPIFFE ID and
 * ignores host names, so a Nexus certificate without the host name (the dev CA's) is accepted by
 * both transports and a certificate with the wrong SPIFFE ID is refused by both. No proxy ({@link
 * Proxy#NO_PROXY}: the JDK client is built without a proxy selector), no redirects, a connect
 * timeout and a read timeout (the request timeout). A file is sent in fixed-length streaming mode;
 * a JSON body is buffered instead, because in streaming mode {@code HttpURLConnection} answers a
 * 401 with an {@code HttpRetryException} and drops the error body (Nexus's "wrong password" would
 * be lost). So that a buffered POST is never silently sent twice, {@code sun.net.http.retryPost} is
 * set to false before the JDK's HTTP classes first load (only the CLI uses this transport).
 */
final class BlockingTransport implements Transport {
  static {
    System.setProperty("sun.net.http.retryPost", "false");
    // Every HttpsURLConnection asks, in its constructor, for the JVM's default socket factory; the
    // first ask builds the JVM's default SSLContext, which reads and parses the JDK's CA
    // certificates (cacerts: about 35 ms of a CLI call), although each connection made here
    // replaces that factory with its own before connecting. The default installed here is the
    // JDK's own default, built only when something actually uses it (an S3 client over
    // HttpsURLConnection, say): the same trust, not paid for by calls that never use it.
    HttpsURLConnection.setDefaultSSLSocketFactory(
        new ForwardingSocketFactory(
            () -> (SSLSocketFactory) SSLSocketFactory.getDefault(), UnaryOperator.identity()));
  }

  private final SSLSocketFactory sockets;
  private final int connectTimeoutMillis;

  BlockingTransport(SSLContext ssl, Duration connectTimeout) {
    SSLSocketFactory factory = ssl.getSocketFactory();
    this.sockets = new ForwardingSocketFactory(() -> factory, BlockingTransport::strict);
    this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
  }

  @Override
  public Reply<byte[]> exchange(Request request) throws IOException {
    Reply<InputStream> reply = open(request);
    try (InputStream in = reply.body()) {
      return new Reply<>(reply.status(), in.readAllBytes());
    }
  }

  @Override
  public Reply<InputStream> open(Request request) throws IOException {
    // Opened before connecting: a missing file fails as FileNotFoundException, as with the JDK
    // client.
    InputStream file = request.file() == null ? null : new FileInputStream(request.file().toFile());
    HttpsURLConnection c = null;
    try {
      c = (HttpsURLConnection) request.uri().toURL().openConnection(Proxy.NO_PROXY);
      c.setSSLSocketFactory(sockets);
      c.setInstanceFollowRedirects(false);
      c.setUseCaches(false);
      c.setConnectTimeout(connectTimeoutMillis);
      c.setReadTimeout(Math.toIntExact(request.timeout().toMillis()));
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", request.contentType());
      c.setRequestProperty("Accept", "application/json");
      if (file == null) {
        try (OutputStream out = c.getOutputStream()) {
          out.write(request.json());
        }
      } else {
        c.setFixedLengthStreamingMode(((FileInputStream) file).getChannel().size());
        try (OutputStream out = c.getOutputStream()) {
          file.transferTo(out);
        }
      }
      int status = c.getResponseCode();
      InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream();
      Reply<InputStream> reply =
          new Reply<>(
              status, new Disconnecting(body == null ? InputStream.nullInputStream() : body, c));
      c = null;
      return reply;
    } finally {
      if (file != null) {
        file.close();
      }
      if (c != null) {
        c.disconnect();
      }
    }
  }

  /**
   * A response body whose {@link #close()} also disconnects, unless it was read to its end (then
   * the connection may be kept alive and reused, as the JDK client's pool does).
   */
  private static final class Disconnecting extends FilterInputStream {
    private final HttpsURLConnection connection;
    private boolean ended;

    Disconnecting(InputStream in, HttpsURLConnection connection) {
      super(in);
      this.connection = connection;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      ended |= b < 0;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      ended |= n < 0;
      return n;
    }

    @Override
    public void close() throws IOException {
      try {
        super.close();
      } finally {
        if (!ended) {
          connection.disconnect();
        }
      }
    }
  }

  /** Sets TLS 1.3/1.2 and {@code HTTPS} endpoint identification on a socket. */
  private static Socket strict(Socket socket) {
    if (socket instanceof SSLSocket ssl) {
      SSLParameters params = ssl.getSSLParameters();
      params.setProtocols(SpikeHttp.PROTOCOLS.clone());
      params.setEndpointIdentificationAlgorithm("HTTPS");
      ssl.setSSLParameters(params);
    }
    return socket;
  }

  /**
   * An {@link SSLSocketFactory} that forwards to the factory {@code target} supplies (asked on each
   * use) and passes every socket it makes through {@code made}.
   */
  private static final class ForwardingSocketFactory extends SSLSocketFactory {
    private final Supplier<SSLSocketFactory> target;
    private final UnaryOperator<Socket> made;

    ForwardingSocketFactory(Supplier<SSLSocketFactory> target, UnaryOperator<Socket> made) {
      this.target = target;
      this.made = made;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return target.get().getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return target.get().getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
      return made.apply(target.get().createSocket());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose)
        throws IOException {
      return made.apply(target.get().createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return made.apply(target.get().createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return made.apply(target.get().createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return made.apply(target.get().createSocket(host, port));
    }

    @Override
    public Socket createSocket(
        InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return made.apply(target.get().createSocket(address, port, localAddress, localPort));
    }

    @Override
    public Socket createSocket(Socket s, InputStream consumed, boolean autoClose)
        throws IOException {
      return made.apply(target.get().createSocket(s, consumed, autoClose));
    }
  }
}
