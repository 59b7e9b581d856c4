package io.spike.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 connection over mTLS whose bytes the test writes itself, so that it can do what the
 * JDK client never does on purpose: send a request's headers and its body apart, then reuse the
 * connection. A server that answers before the body arrived and then drops the connection fails the
 * second exchange with an {@link EOFException}.
 */
public final class RawHttpsConnection implements AutoCloseable {
  private final SSLSocket socket;
  private final InputStream in;
  private final OutputStream out;

  /** A response: status, headers with lower-case names, body. */
  public record Response(int status, Map<String, String> headers, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  public RawHttpsConnection(SSLContext tls, int port) throws IOException {
    socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    socket.startHandshake();
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  /** The TLS session of this connection (the peer's certificates as its handshake saw them). */
  public SSLSession session() {
    return socket.getSession();
  }

  /** Writes the request line and headers of a POST with a body of {@code contentLength} bytes. */
  public void postHeaders(String pathAndQuery, int contentLength) throws IOException {
    write(
        ("POST "
                + pathAndQuery
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + contentLength
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
  }

  public void write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** A whole POST in one write, then its response. */
  public Response post(String pathAndQuery, byte[] body) throws IOException {
    postHeaders(pathAndQuery, body.length);
    write(body);
    return read();
  }

  /** Reads one response (Content-Length or chunked). */
  public Response read() throws IOException {
    String statusLine = line();
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP status line: " + statusLine);
    }
    Map<String, String> headers = new HashMap<>();
    for (String header = line(); !header.isEmpty(); header = line()) {
      int colon = header.indexOf(':');
      headers.put(
          header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          header.substring(colon + 1).trim());
    }
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (int size = Integer.parseInt(line().split(";")[0].trim(), 16);
          size > 0;
          size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
        all.write(exactly(size));
        line();
      }
      line();
      body = all.toByteArray();
    } else {
      body = exactly(Integer.parseInt(headers.getOrDefault("content-length", "0")));
    }
    return new Response(Integer.parseInt(parts[1]), headers, body);
  }

  private byte[] exactly(int n) throws IOException {
    byte[] bytes = in.readNBytes(n);
    if (bytes.length < n) {
      throw new EOFException("connection closed in a response body");
    }
    return bytes;
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new EOFException("connection closed by the server");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
