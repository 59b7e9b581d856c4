package io.spike.it;

import io.spike.testkit.UnsafeTrustAll;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * One TLS client offer (protocols, cipher suites, client certificate or none) to a server, then one
 * HTTP/1.1 POST if the handshake lets it: the answer's status, or why there was none. The server is
 * not authenticated (it is the server under test, not the client).
 *
 * <p>Offers the JDK refuses to make by default (TLS 1.1) need a JVM with nothing in {@code
 * jdk.tls.disabledAlgorithms}; {@link #inFreeJvm} runs {@link #main} in such a child JVM, so that a
 * refusal comes from the server and not from our own client.
 */
final class TlsOffer {
  private TlsOffer() {}

  /** What happened: an HTTP status, or refused (no status line) with the reason. */
  record Outcome(Optional<Integer> status, String detail) {
    boolean refused() {
      return status.isEmpty();
    }

    static Outcome parse(String line) {
      if (line.startsWith("ANSWERED ")) {
        return new Outcome(Optional.of(Integer.parseInt(line.substring(9).trim())), line);
      }
      return new Outcome(Optional.empty(), line);
    }

    String line() {
      return status.map(s -> "ANSWERED " + s).orElse("REFUSED " + detail);
    }
  }

  static Outcome offer(
      int port,
      List<String> protocols,
      List<String> suites,
      Optional<HostileCerts.Leaf> client,
      String path,
      String body) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(
          keyManagers(client),
          new TrustManager[] {
            new UnsafeTrustAll() /* the probe tests what the server accepts, not who it is */
          },
          new SecureRandom());
      try (SSLSocket socket =
          (SSLSocket)
              ctx.getSocketFactory()
                  .createSocket(new Socket("127.0.0.1", port), "localhost", port, true)) {
        socket.setSoTimeout(10_000);
        socket.setEnabledProtocols(protocols.toArray(new String[0]));
        if (!suites.isEmpty()) {
          socket.setEnabledCipherSuites(suites.toArray(new String[0]));
        }
        socket.startHandshake();
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST "
                    + path
                    + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: "
                    + json.length
                    + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(json);
        out.flush();
        String status = statusLine(socket.getInputStream());
        if (status.isEmpty()) {
          return new Outcome(Optional.empty(), "closed without an answer");
        }
        return new Outcome(Optional.of(Integer.parseInt(status.split(" ")[1])), status);
      }
    } catch (IOException e) {
      return new Outcome(Optional.empty(), e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (Exception e) {
      throw new IllegalStateException("the probe itself failed", e);
    }
  }

  private static String statusLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      line.write(b);
    }
    return line.toString(StandardCharsets.US_ASCII).trim();
  }

  private static KeyManager[] keyManagers(Optional<HostileCerts.Leaf> client) throws Exception {
    if (client.isEmpty()) {
      return new KeyManager[0];
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] pw = "probe".toCharArray();
    store.setKeyEntry(
        "client", client.get().key(), pw, new Certificate[] {client.get().certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, pw);
    return kmf.getKeyManagers();
  }

  /**
   * Runs one offer in a child JVM whose {@code jdk.tls.disabledAlgorithms} is empty, as an SVID of
   * {@code devDir} ({@code svid}), and returns its outcome.
   */
  static Outcome inFreeJvm(
      Path devDir, String svid, int port, String protocol, String suite, Path scratch) {
    try {
      Path security = scratch.resolve("no-disabled-tls.security");
      Files.writeString(security, "jdk.tls.disabledAlgorithms=\n");
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Djava.security.properties=" + security,
                  "-cp",
                  System.getProperty("java.class.path"),
                  TlsOffer.class.getName(),
                  Integer.toString(port),
                  protocol,
                  suite,
                  devDir.resolve("svid/" + svid + ".crt").toString(),
                  devDir.resolve("svid/" + svid + ".key").toString()));
      Path out = Files.createTempFile(scratch, "tls-offer", ".txt");
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("TLS probe timed out");
      }
      List<String> lines = Files.readAllLines(out);
      String last =
          lines.stream()
              .filter(l -> l.startsWith("ANSWERED ") || l.startsWith("REFUSED "))
              .reduce((a, b) -> b)
              .orElseThrow(() -> new AssertionError("TLS probe printed no outcome: " + lines));
      return Outcome.parse(last);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code port protocol suite cert.pem key.pem}: prints {@code ANSWERED <status>} or {@code
   * REFUSED <why>}.
   */
  public static void main(String[] args) throws Exception {
    HostileCerts.Leaf leaf =
        new HostileCerts.Leaf(
            HostileCerts.certificate(Path.of(args[3])), HostileCerts.privateKey(Path.of(args[4])));
    Outcome o =
        offer(
            Integer.parseInt(args[0]),
            List.of(args[1]),
            List.of(args[2]),
            Optional.of(leaf),
            "/v1/sys/status",
            "{}");
    System.out.println(o.line());
  }
}
