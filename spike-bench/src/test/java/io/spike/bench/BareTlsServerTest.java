package io.spike.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.identity.DevCa;
import io.spike.identity.SpiffeId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory-floor baseline really is an mTLS server: a client certificate is required. */
class BareTlsServerTest {

  @TempDir Path dir;

  private DevCa ca;
  private Path cert;
  private Path key;
  private Process server;
  private int port;

  @BeforeEach
  void start() throws IOException {
    ca = DevCa.create(dir.resolve("ca"), "bench.test");
    cert = dir.resolve("svid.crt");
    key = dir.resolve("svid.key");
    ca.issue(SpiffeId.of("bench.test", "/bench"), cert, key);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    server =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    BareTlsServer.class.getName(),
                    cert.toString(),
                    key.toString(),
                    ca.bundle().toString()))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String line =
        new BufferedReader(new InputStreamReader(server.getInputStream(), UTF_8)).readLine();
    assertThat(line).startsWith(BareTlsServer.READY);
    port = Integer.parseInt(line.substring(BareTlsServer.READY.length()).strip());
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.destroyForcibly().waitFor();
  }

  @Test
  void answersAClientWithACertificateOfTheTrustDomain() throws Exception {
    assertThat(post(tls(true))).isEqualTo("{}");
  }

  @Test
  void refusesAClientWithoutACertificate() throws Exception {
    SSLContext anonymous = tls(false);
    assertThatThrownBy(() -> post(anonymous)).isInstanceOf(IOException.class);
  }

  private String post(SSLContext tls) throws IOException {
    HttpsURLConnection c =
        (HttpsURLConnection) new URL("https://127.0.0.1:" + port + "/").openConnection();
    c.setSSLSocketFactory(tls.getSocketFactory());
    c.setHostnameVerifier((host, session) -> true); // the SVID names a SPIFFE ID
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    try (OutputStream out = c.getOutputStream()) {
      out.write("{}".getBytes(UTF_8));
    }
    try (InputStream in = c.getInputStream()) {
      return new String(in.readAllBytes(), UTF_8);
    }
  }

  private SSLContext tls(boolean withCertificate) throws Exception {
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(ca.bundle())) {
      trust.setCertificateEntry("root", x509.generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    if (withCertificate) {
      Certificate leaf;
      try (InputStream in = Files.newInputStream(cert)) {
        leaf = x509.generateCertificate(in);
      }
      String pem = Files.readString(key).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      keys.setKeyEntry(
          "svid",
          KeyFactory.getInstance(leaf.getPublicKey().getAlgorithm())
              .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem))),
          "p".toCharArray(),
          new Certificate[] {leaf});
    }
    kmf.init(keys, "p".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLSv1.3");
    tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return tls;
  }
}
