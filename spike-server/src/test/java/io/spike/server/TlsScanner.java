package io.spike.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A small TLS scanner for our mTLS servers, for tests: which (protocol, cipher suite) pairs does a
 * server complete a handshake with?
 *
 * <p>For every protocol the client JDK implements (SSLv3 to TLSv1.3; {@code SSLv2Hello} is a hello
 * format, not a protocol) and every cipher suite it implements (but the renegotiation signalling
 * value), the scanner offers that protocol alone with that suite alone, on a new connection, with
 * the client certificate of {@code client}. Old protocols are enabled on each socket explicitly,
 * which overrides what the context would enable by default. A pair counts as accepted only if the
 * handshake completes and the server then answers one HTTP/1.1 request ({@code HEAD /}, any
 * status): in TLS 1.3 the server judges the client certificate after the client has finished its
 * part of the handshake, so a finished client handshake alone proves nothing. Each session is
 * invalidated after use so that the next attempt does not resume it.
 *
 * <p>What it cannot try: a pair the client JVM refuses to offer. That is every pair whose suite
 * does not belong to the protocol (a TLS 1.3 suite under TLS 1.2 and the reverse) and every pair
 * that {@code jdk.tls.disabledAlgorithms} forbids (by default in JDK 17: SSLv3, TLSv1, TLSv1.1, and
 * the RC4, DES, 3DES, NULL, anon and static ECDH suites). That property cannot be relaxed per
 * socket (SunJSSE applies it on top of any per-socket constraint, and reads it once per JVM), so it
 * is relaxed for a whole test JVM or not at all. The scanner finds these pairs without a network
 * round trip, by asking a client {@link SSLEngine} for its ClientHello, and reports them as {@link
 * Scan#untried()}; a server in the same JVM could not negotiate them either.
 *
 * <p>The scanner sees only suites that fit the server's certificate: against an EC certificate, an
 * offered ECDHE_RSA suite fails like a suite the server does not offer at all.
 */
public final class TlsScanner {
  private static final int TIMEOUT_MILLIS = 5_000;
  private static final byte[] REQUEST =
      "HEAD / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII);

  private TlsScanner() {}

  /** A protocol and one cipher suite, offered alone. */
  public record Pair(String protocol, String suite) implements Comparable<Pair> {
    @Override
    public int compareTo(Pair other) {
      int byProtocol = protocol.compareTo(other.protocol);
      return byProtocol != 0 ? byProtocol : suite.compareTo(other.suite);
    }

    @Override
    public String toString() {
      return protocol + " " + suite;
    }
  }

  /**
   * What a scan found: the pairs the server completed a handshake with, those it refused, and those
   * the client JVM could not offer (see the class comment).
   */
  public record Scan(Set<Pair> accepted, Set<Pair> refused, Set<Pair> untried) {
    public Scan {
      accepted = Collections.unmodifiableSet(new TreeSet<>(accepted));
      refused = Collections.unmodifiableSet(new TreeSet<>(refused));
      untried = Collections.unmodifiableSet(new TreeSet<>(untried));
    }

    /** The protocols the server completed a handshake with. */
    public Set<String> acceptedProtocols() {
      return accepted.stream().map(Pair::protocol).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The protocols of which at least one pair was offered to the server. */
    public Set<String> triedProtocols() {
      Set<String> tried = new TreeSet<>();
      accepted.forEach(pair -> tried.add(pair.protocol()));
      refused.forEach(pair -> tried.add(pair.protocol()));
      return tried;
    }

    /** The protocols of which the client JVM could offer no pair at all. */
    public Set<String> untriedProtocols() {
      Set<String> untriedProtocols =
          untried.stream().map(Pair::protocol).collect(Collectors.toCollection(TreeSet::new));
      untriedProtocols.removeAll(triedProtocols());
      return untriedProtocols;
    }

    /** A few lines for a test's output: accepted suites per protocol, and what went untried. */
    public String summary() {
      Map<String, List<String>> byProtocol = new TreeMap<>();
      accepted.forEach(
          pair ->
              byProtocol
                  .computeIfAbsent(pair.protocol(), p -> new ArrayList<>())
                  .add(pair.suite()));
      StringBuilder out = new StringBuilder();
      byProtocol.forEach(
          (protocol, suites) ->
              out.append(protocol)
                  .append(" accepted: ")
                  .append(String.join(", ", suites))
                  .append('\n'));
      out.append("tried ")
          .append(accepted.size() + refused.size())
          .append(" pairs (")
          .append(String.join(", ", triedProtocols()))
          .append("), ")
          .append(refused.size())
          .append(" refused; ")
          .append(untried.size())
          .append(" pairs the client JVM cannot offer");
      if (!untriedProtocols().isEmpty()) {
        out.append(", among them every pair of ").append(String.join(", ", untriedProtocols()));
      }
      return out.append('\n').toString();
    }
  }

  /** Scans {@code host:port} with the client certificate and trust of {@code client}. */
  public static Scan scan(String host, int port, SSLContext client) throws IOException {
    SSLEngine probe = client.createSSLEngine();
    Set<Pair> accepted = new LinkedHashSet<>();
    Set<Pair> refused = new LinkedHashSet<>();
    Set<Pair> untried = new LinkedHashSet<>();
    for (String protocol : protocols(probe)) {
      for (String suite : suites(probe)) {
        Pair pair = new Pair(protocol, suite);
        if (!canOffer(client, pair)) {
          untried.add(pair);
        } else if (handshake(host, port, client, pair)) {
          accepted.add(pair);
        } else {
          refused.add(pair);
        }
      }
    }
    return new Scan(accepted, refused, untried);
  }

  private static List<String> protocols(SSLEngine probe) {
    return Arrays.stream(probe.getSupportedProtocols())
        .filter(p -> !p.equals("SSLv2Hello"))
        .toList();
  }

  private static List<String> suites(SSLEngine probe) {
    return Arrays.stream(probe.getSupportedCipherSuites())
        .filter(s -> !s.equals("TLS_EMPTY_RENEGOTIATION_INFO_SCSV"))
        .toList();
  }

  /** Whether the client JVM would send a ClientHello for {@code pair}, without sending it. */
  private static boolean canOffer(SSLContext client, Pair pair) {
    SSLEngine engine = client.createSSLEngine();
    engine.setUseClientMode(true);
    try {
      engine.setEnabledProtocols(new String[] {pair.protocol()});
      engine.setEnabledCipherSuites(new String[] {pair.suite()});
      engine.beginHandshake();
      ByteBuffer hello = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
      engine.wrap(ByteBuffer.allocate(0), hello);
      return hello.position() > 0;
    } catch (SSLException | IllegalArgumentException e) {
      return false;
    } finally {
      engine.closeOutbound();
    }
  }

  /**
   * One full connection offering only {@code pair}: true if the server completes it and answers.
   */
  private static boolean handshake(String host, int port, SSLContext client, Pair pair)
      throws IOException {
    Socket plain = new Socket();
    SSLSocket layered;
    try {
      plain.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
      plain.setSoTimeout(TIMEOUT_MILLIS);
      layered = (SSLSocket) client.getSocketFactory().createSocket(plain, host, port, true);
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
    try (SSLSocket socket = layered) {
      socket.setEnabledProtocols(new String[] {pair.protocol()});
      socket.setEnabledCipherSuites(new String[] {pair.suite()});
      try {
        socket.startHandshake();
        socket.getOutputStream().write(REQUEST);
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        if (in.read() < 0) {
          return false;
        }
      } catch (SSLException | SocketException e) {
        // An alert, or a reset from a server that closes instead of sending one. A timeout is
        // not a refusal: it propagates, so that a slow server cannot hide an accepted pair.
        return false;
      }
      SSLSession session = socket.getSession();
      session.invalidate();
      if (!session.getProtocol().equals(pair.protocol())
          || !session.getCipherSuite().equals(pair.suite())) {
        throw new IllegalStateException(
            "offered "
                + pair
                + " alone but negotiated "
                + session.getProtocol()
                + " "
                + session.getCipherSuite());
      }
      return true;
    }
  }
}
