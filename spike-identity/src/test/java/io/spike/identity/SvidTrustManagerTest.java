package io.spike.identity;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SvidTrustManagerTest {

  private static final String TD = "spike.ist";
  private static final String PARTNER = "partner.example";

  @TempDir Path tmp;

  private Path caDir;
  private DevCa ca;
  private SvidSource own;

  @BeforeEach
  void setUp() {
    caDir = tmp.resolve("ca");
    ca = DevCa.create(caDir, TD);
    Svid svid = ca.issue(Role.NEXUS.id(TD), tmp.resolve("own.crt"), tmp.resolve("own.key"));
    own = SvidSources.fromFiles(svid.cert(), svid.key(), ca.bundle());
  }

  @AfterEach
  void tearDown() {
    own.close();
  }

  @Test
  void validPeer_passesBothDirections() {
    SvidTrustManager manager = new SvidTrustManager(own, Set.of(own.trustDomain()), id -> true);
    X509Certificate[] chain = chain(ca, Role.KEEPER.id(TD));

    assertThatCode(() -> manager.checkServerTrusted(chain, "ECDHE_ECDSA"))
        .doesNotThrowAnyException();
    assertThatCode(() -> manager.checkClientTrusted(chain, "ECDHE_ECDSA"))
        .doesNotThrowAnyException();
  }

  @Test
  void engineEndpointIdentification_isIgnored() throws Exception {
    SvidTrustManager manager = new SvidTrustManager(own, Set.of(own.trustDomain()), id -> true);
    SSLEngine engine = SSLContext.getDefault().createSSLEngine("some-other-host.example", 443);
    var parameters = engine.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    engine.setSSLParameters(parameters);
    X509Certificate[] chain = chain(ca, Role.KEEPER.id(TD));

    assertThatCode(() -> manager.checkServerTrusted(chain, "ECDHE_ECDSA", engine))
        .doesNotThrowAnyException();
  }

  @Test
  void predicate_rejectsOtherIds() {
    SvidTrustManager manager =
        new SvidTrustManager(own, Set.of(own.trustDomain()), TlsContexts.role(Role.NEXUS, TD));
    X509Certificate[] chain = chain(ca, Role.KEEPER.id(TD));

    assertThatThrownBy(() -> manager.checkServerTrusted(chain, "ECDHE_ECDSA"))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("spiffe://spike.ist/spike/keeper is not accepted");
  }

  @Test
  void otherCa_isRejected() {
    DevCa other = DevCa.create(tmp.resolve("other"), TD);
    SvidTrustManager manager = new SvidTrustManager(own, Set.of(own.trustDomain()), id -> true);

    assertThatThrownBy(
            () -> manager.checkClientTrusted(chain(other, Role.SUPERUSER.id(TD)), "ECDHE_ECDSA"))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void otherTrustDomain_isRejected() {
    DevCa other = DevCa.create(tmp.resolve("other"), "other.td");
    SvidTrustManager manager = new SvidTrustManager(own, Set.of(own.trustDomain()), id -> true);

    assertThatThrownBy(
            () ->
                manager.checkClientTrusted(
                    chain(other, SpiffeId.parse("spiffe://other.td/spike/nexus")), "ECDHE_ECDSA"))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("not in an allowed trust domain");
  }

  @Test
  void federatedDomain_chainsToItsOwnBundleOnly() throws Exception {
    Path partnerDir = tmp.resolve("partner-ca");
    DevCa partner = DevCa.create(partnerDir, PARTNER);
    try (SvidSource federated = federatedWith(partner)) {
      SvidTrustManager manager = new SvidTrustManager(federated, Set.of(TD, PARTNER), id -> true);
      X509Certificate[] partnerKeeper = chain(partner, SpiffeId.of(PARTNER, "/spike/keeper/1"));
      X509Certificate[] partnerClaimsOurs = {
        TestCerts.leaf(partnerDir, List.of("spiffe://spike.ist/spike/keeper/1"), TestCerts.both())
            .certificate()
      };
      X509Certificate[] oursClaimsPartner = {
        TestCerts.leaf(caDir, List.of("spiffe://partner.example/spike/keeper/1"), TestCerts.both())
            .certificate()
      };

      assertThatCode(() -> manager.checkClientTrusted(partnerKeeper, "ECDHE_ECDSA"))
          .doesNotThrowAnyException();
      assertThatThrownBy(() -> manager.checkClientTrusted(partnerClaimsOurs, "ECDHE_ECDSA"))
          .as("a CA of partner.example cannot vouch for an ID of spike.ist")
          .isInstanceOf(CertificateException.class);
      assertThatThrownBy(() -> manager.checkServerTrusted(oursClaimsPartner, "ECDHE_ECDSA"))
          .as("a CA of spike.ist cannot vouch for an ID of partner.example")
          .isInstanceOf(CertificateException.class);
    }
  }

  @Test
  void domainWithABundle_butNotAllowed_isRejected() {
    DevCa partner = DevCa.create(tmp.resolve("partner-ca"), PARTNER);
    try (SvidSource federated = federatedWith(partner)) {
      SvidTrustManager manager = new SvidTrustManager(federated, Set.of(TD), id -> true);

      assertThatThrownBy(
              () ->
                  manager.checkClientTrusted(
                      chain(partner, SpiffeId.of(PARTNER, "/spike/keeper/1")), "ECDHE_ECDSA"))
          .isInstanceOf(CertificateException.class)
          .hasMessageContaining("not in an allowed trust domain");
    }
  }

  @Test
  void expiredPeer_isRejected() throws Exception {
    Svid svid =
        ca.issue(
            Role.KEEPER.id(TD),
            tmp.resolve("old.crt"),
            tmp.resolve("old.key"),
            Duration.ofMinutes(-1),
            true);
    X509Certificate[] chain = {read(svid.cert())};
    SvidTrustManager manager = new SvidTrustManager(own, Set.of(own.trustDomain()), id -> true);

    assertThatThrownBy(() -> manager.checkClientTrusted(chain, "ECDHE_ECDSA"))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void emptyChain_isRejected() {
    SvidTrustManager manager = new SvidTrustManager(own, Set.of(own.trustDomain()), id -> true);

    assertThatThrownBy(() -> manager.checkClientTrusted(new X509Certificate[0], "ECDHE_ECDSA"))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("no certificate");
  }

  @Test
  void certificateWithoutSpiffeId_isRejected() throws Exception {
    var leaf = TestCerts.leaf(caDir, List.of(), TestCerts.both());
    SvidTrustManager manager = new SvidTrustManager(own, Set.of(own.trustDomain()), id -> true);

    assertThatThrownBy(
            () ->
                manager.checkClientTrusted(
                    new X509Certificate[] {leaf.certificate()}, "ECDHE_ECDSA"))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("SPIFFE ID");
  }

  @Test
  void extendedKeyUsage_mustAllowTheDirection() throws Exception {
    var serverOnly =
        TestCerts.leaf(
            caDir,
            List.of("spiffe://spike.ist/spike/keeper"),
            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth});
    var noEku = TestCerts.leaf(caDir, List.of("spiffe://spike.ist/spike/keeper"), null);
    SvidTrustManager manager = new SvidTrustManager(own, Set.of(own.trustDomain()), id -> true);
    X509Certificate[] serverOnlyChain = {serverOnly.certificate()};

    assertThatCode(() -> manager.checkServerTrusted(serverOnlyChain, "ECDHE_ECDSA"))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> manager.checkClientTrusted(serverOnlyChain, "ECDHE_ECDSA"))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("clientAuth");
    assertThatCode(
            () ->
                manager.checkClientTrusted(
                    new X509Certificate[] {noEku.certificate()}, "ECDHE_ECDSA"))
        .doesNotThrowAnyException();
  }

  /** Our own SVID, with {@code partner}'s bundle loaded for its trust domain. */
  private SvidSource federatedWith(DevCa partner) {
    return SvidSources.fromFiles(
        tmp.resolve("own.crt"),
        tmp.resolve("own.key"),
        ca.bundle(),
        Map.of(partner.trustDomain(), partner.bundle()));
  }

  private X509Certificate[] chain(DevCa issuer, SpiffeId id) {
    String name = id.path().replace('/', '_') + System.nanoTime();
    Svid svid = issuer.issue(id, tmp.resolve(name + ".crt"), tmp.resolve(name + ".key"));
    return new X509Certificate[] {read(svid.cert())};
  }

  private static X509Certificate read(Path file) {
    try {
      return PemFiles.parseCertificates(Files.readAllBytes(file), file).get(0);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
