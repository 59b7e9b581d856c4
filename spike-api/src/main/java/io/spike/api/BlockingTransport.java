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
  }

  private final SSLSocketFactory sockets;
  private final int connectTimeoutMillis;

  BlockingTransport(SSLContext ssl, Duration connectTimeout) {
    this.sockets = new StrictSocketFactory(ssl.getSocketFactory());
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

  /** Sets TLS 1.3/1.2 and {@code HTTPS} endpoint identification on every socket it makes. */
  private static final class StrictSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;

    StrictSocketFactory(SSLSocketFactory delegate) {
      this.delegate = delegate;
    }

    private static Socket strict(Socket socket) {
      if (socket instanceof SSLSocket ssl) {
        SSLParameters params = ssl.getSSLParameters();
        params.setProtocols(SpikeHttp.PROTOCOLS.clone());
        params.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(params);
      }
      return socket;
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
      return strict(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose)
        throws IOException {
      return strict(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return strict(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return strict(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return strict(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(
        InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return strict(delegate.createSocket(address, port, localAddress, localPort));
    }
  }
}
