package io.spike.bench;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The memory floor of an mTLS server on this JVM, for the distribution's memory rows: the JDK's own
 * {@code HttpsServer} (no Jetty, no Jackson, no logging, no SPIFFE checks), TLS 1.3 with client
 * certificates required, answering every POST with a fixed JSON line. Only JDK classes, so the
 * bench copies its class file alone into a directory and runs it with the component's JVM options.
 *
 * <p>Arguments: SVID certificate PEM, its PKCS#8 key PEM, trust bundle PEM. Prints {@link #READY}
 * and the port, then serves until killed.
 */
final class BareTlsServer {
  static final String READY = "bare tls ready ";

  private BareTlsServer() {}

  public static void main(String[] args) throws Exception {
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    Collection<? extends Certificate> chain;
    try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
      chain = x509.generateCertificates(in);
    }
    Collection<? extends Certificate> bundle;
    try (InputStream in = Files.newInputStream(Path.of(args[2]))) {
      bundle = x509.generateCertificates(in);
    }
    String pem = Files.readString(Path.of(args[1]), StandardCharsets.US_ASCII);
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
    String algorithm = chain.iterator().next().getPublicKey().getAlgorithm();
    PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(spec);

    char[] password = "bench".toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("svid", key, password, chain.toArray(new Certificate[0]));
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    int n = 0;
    for (Certificate root : bundle) {
      trust.setCertificateEntry("root-" + n++, root);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, password);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLSv1.3");
    tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);

    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setHttpsConfigurator(new ClientAuth(tls));
    byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(answer);
            }
          }
        });
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
    System.out.println(READY + server.getAddress().getPort());
    System.out.flush();
  }

  /** TLS with client certificates required. */
  static final class ClientAuth extends HttpsConfigurator {
    ClientAuth(SSLContext tls) {
      super(tls);
    }

    @Override
    public void configure(HttpsParameters params) {
      SSLParameters p = getSSLContext().getDefaultSSLParameters();
      p.setNeedClientAuth(true);
      params.setSSLParameters(p);
    }
  }
}
