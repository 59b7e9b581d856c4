package io.spike.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spiffe.bundle.x509bundle.X509Bundle;
import io.spiffe.spiffeid.TrustDomain;
import io.spiffe.svid.x509svid.X509Svid;
import io.spiffe.svid.x509svid.X509SvidValidator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevCaTest {

  private static final SpiffeId NEXUS = SpiffeId.parse("spiffe://spike.ist/spike/nexus");

  @TempDir Path tmp;

  @Test
  void create_writesCaFilesWithPrivatePermissions() throws Exception {
    Path caDir = tmp.resolve("state/ca");

    DevCa ca = DevCa.create(caDir, "spike.ist");

    assertThat(ca.trustDomain()).isEqualTo("spike.ist");
    assertThat(ca.bundle()).isEqualTo(caDir.resolve("bundle.pem"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(caDir)))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(caDir.resolve("ca.key"))))
        .isEqualTo("rw-------");
    assertThat(Files.readString(caDir.resolve("ca.key")))
        .startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(Files.readString(caDir.resolve("ca.crt")))
        .startsWith("-----BEGIN CERTIFICATE-----\n");
    assertThat(Files.readAllBytes(ca.bundle()))
        .isEqualTo(Files.readAllBytes(caDir.resolve("ca.crt")));
    try (var listing = Files.list(caDir)) {
      assertThat(listing.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("ca.crt", "ca.key", "bundle.pem");
    }
  }

  @Test
  void create_caCertificateIsATenYearP256Ca() throws Exception {
    DevCa ca = DevCa.create(tmp.resolve("ca"), "spike.ist");
    X509Certificate cert = ca.certificate();

    assertThat(cert.getSubjectX500Principal().getName()).contains("CN=spike dev CA");
    assertThat(cert.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(cert.getKeyUsage()[5]).as("keyCertSign").isTrue();
    assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("EC");
    assertThat(cert.getPublicKey().toString()).contains("secp256r1");
    assertThat(cert.getSubjectAlternativeNames()).containsExactly(List.of(6, "spiffe://spike.ist"));
    assertThat(Duration.between(Instant.now(), cert.getNotAfter().toInstant()).toDays())
        .isBetween(3640L, 3653L);
    cert.verify(cert.getPublicKey());
  }

  @Test
  void create_existingCa_isRefused() {
    Path caDir = tmp.resolve("ca");
    DevCa.create(caDir, "spike.ist");

    assertThatThrownBy(() -> DevCa.create(caDir, "spike.ist"))
        .isInstanceOf(IdentityException.class)
        .hasMessageContaining("already exists");
  }

  @Test
  void create_invalidTrustDomain_isRejected() {
    assertThatThrownBy(() -> DevCa.create(tmp.resolve("ca"), "Not Valid"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void issue_writesAnSvidThatJavaSpiffeLoadsAndThatChainsToTheBundle() throws Exception {
    DevCa ca = DevCa.create(tmp.resolve("ca"), "spike.ist");

    Svid svid = ca.issue(NEXUS, tmp.resolve("svid/nexus.crt"), tmp.resolve("svid/nexus.key"));

    assertThat(svid)
        .isEqualTo(new Svid(NEXUS, tmp.resolve("svid/nexus.crt"), tmp.resolve("svid/nexus.key")));
    X509Svid loaded = X509Svid.load(svid.cert(), svid.key());
    assertThat(loaded.getSpiffeId().toString()).isEqualTo(NEXUS.toString());
    assertThat(loaded.getChain()).hasSize(1);
    X509Bundle bundle = X509Bundle.load(TrustDomain.parse("spike.ist"), ca.bundle());
    X509SvidValidator.verifyChain(loaded.getChain(), bundle);
  }

  @Test
  void issue_leafHasTheExpectedProfile() throws Exception {
    DevCa ca = DevCa.create(tmp.resolve("ca"), "spike.ist");
    Svid svid = ca.issue(NEXUS, tmp.resolve("n.crt"), tmp.resolve("n.key"));
    X509Certificate leaf =
        PemFiles.parseCertificates(Files.readAllBytes(svid.cert()), svid.cert()).get(0);

    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(leaf.getKeyUsage()[0]).as("digitalSignature").isTrue();
    assertThat(leaf.getKeyUsage()[5]).as("keyCertSign").isFalse();
    assertThat(leaf.getKeyUsage()[6]).as("cRLSign").isFalse();
    assertThat(leaf.getExtendedKeyUsage())
        .containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    assertThat(leaf.getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(
            List.of(6, "spiffe://spike.ist/spike/nexus"),
            List.of(2, "localhost"),
            List.of(7, "127.0.0.1"));
    assertThat(leaf.getPublicKey().toString()).contains("secp256r1");
    assertThat(Duration.between(Instant.now(), leaf.getNotAfter().toInstant()).toDays())
        .isBetween(363L, 365L);
    assertThat(leaf.getNotBefore().toInstant()).isBefore(Instant.now());
    leaf.verify(ca.certificate().getPublicKey());
  }

  @Test
  void issue_keyFileIsPkcs8PemWithMode0600() throws Exception {
    DevCa ca = DevCa.create(tmp.resolve("ca"), "spike.ist");
    Svid svid = ca.issue(NEXUS, tmp.resolve("svid/n.crt"), tmp.resolve("svid/n.key"));

    String key = Files.readString(svid.key(), StandardCharsets.US_ASCII);
    assertThat(key)
        .startsWith("-----BEGIN PRIVATE KEY-----\n")
        .endsWith("-----END PRIVATE KEY-----\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(svid.key())))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("svid"))))
        .isEqualTo("rwx------");
    assertThat(Files.readString(svid.cert())).containsOnlyOnce("-----BEGIN CERTIFICATE-----");
  }

  @Test
  void issue_again_replacesTheFilesKeepingMode0600() throws Exception {
    DevCa ca = DevCa.create(tmp.resolve("ca"), "spike.ist");
    Path cert = tmp.resolve("w.crt");
    Path key = tmp.resolve("w.key");
    ca.issue(NEXUS, cert, key);
    byte[] firstKey = Files.readAllBytes(key);

    ca.issue(SpiffeId.parse("spiffe://spike.ist/app/web"), cert, key);

    assertThat(Files.readAllBytes(key)).isNotEqualTo(firstKey);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(X509Svid.load(cert, key).getSpiffeId().toString())
        .isEqualTo("spiffe://spike.ist/app/web");
    try (var listing = Files.list(tmp)) {
      assertThat(listing.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.endsWith(".tmp"));
    }
  }

  @Test
  void issue_otherTrustDomain_isRejected() {
    DevCa ca = DevCa.create(tmp.resolve("ca"), "spike.ist");

    assertThatThrownBy(
            () ->
                ca.issue(
                    SpiffeId.parse("spiffe://other.td/spike/nexus"),
                    tmp.resolve("a"),
                    tmp.resolve("b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spike.ist");
    assertThat(tmp.resolve("b")).doesNotExist();
  }

  @Test
  void issue_withoutHostNames_hasOnlyTheUriSan() throws Exception {
    DevCa ca = DevCa.create(tmp.resolve("ca"), "spike.ist");
    Svid svid =
        ca.issue(NEXUS, tmp.resolve("n.crt"), tmp.resolve("n.key"), Duration.ofHours(1), false);
    X509Certificate leaf =
        PemFiles.parseCertificates(Files.readAllBytes(svid.cert()), svid.cert()).get(0);

    assertThat(leaf.getSubjectAlternativeNames())
        .containsExactly(List.of(6, "spiffe://spike.ist/spike/nexus"));
  }

  @Test
  void load_readsTheCaBackAndIssuesCertificatesThatChainToTheSameBundle() throws Exception {
    Path caDir = tmp.resolve("ca");
    DevCa created = DevCa.create(caDir, "example.org");

    DevCa loaded = DevCa.load(caDir);
    Svid svid =
        loaded.issue(
            SpiffeId.parse("spiffe://example.org/spike/keeper/1"),
            tmp.resolve("k.crt"),
            tmp.resolve("k.key"));

    assertThat(loaded.trustDomain()).isEqualTo("example.org");
    assertThat(loaded.certificate()).isEqualTo(created.certificate());
    X509SvidValidator.verifyChain(
        X509Svid.load(svid.cert(), svid.key()).getChain(),
        X509Bundle.load(TrustDomain.parse("example.org"), created.bundle()));
  }

  @Test
  void load_missingDirectory_namesTheFile() {
    Path caDir = tmp.resolve("nope");

    assertThatThrownBy(() -> DevCa.load(caDir))
        .isInstanceOf(IdentityException.class)
        .hasMessageContaining(caDir.resolve("ca.crt").toString());
  }

  @Test
  void load_keyOfAnotherCa_isRejected() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    DevCa.create(a, "spike.ist");
    DevCa.create(b, "spike.ist");
    Files.copy(b.resolve("ca.key"), a.resolve("ca.key"), StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> DevCa.load(a))
        .isInstanceOf(IdentityException.class)
        .hasMessageContaining("does not belong");
  }

  @Test
  void load_corruptKey_doesNotEchoTheFile() throws Exception {
    Path caDir = tmp.resolve("ca");
    DevCa.create(caDir, "spike.ist");
    Files.writeString(
        caDir.resolve("ca.key"),
        "-----BEGIN PRIVATE KEY-----\nTOPSECRET!!material\n-----END PRIVATE KEY-----\n");

    assertThatThrownBy(() -> DevCa.load(caDir))
        .isInstanceOf(IdentityException.class)
        .hasMessageContaining("ca.key")
        .hasNoCause()
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("TOPSECRET"));
  }

  @Test
  void loadOrCreate_createsOnceThenLoads() {
    Path caDir = tmp.resolve("ca");

    DevCa first = DevCa.loadOrCreate(caDir, "spike.ist");
    DevCa second = DevCa.loadOrCreate(caDir, "spike.ist");

    assertThat(second.certificate()).isEqualTo(first.certificate());
    assertThatThrownBy(() -> DevCa.loadOrCreate(caDir, "other.td"))
        .isInstanceOf(IdentityException.class)
        .hasMessageContaining("SPIKE_TRUST_ROOT=spike.ist");
  }

  @Test
  void toString_showsNoKey() {
    DevCa ca = DevCa.create(tmp.resolve("ca"), "spike.ist");

    assertThat(ca.toString()).contains("spike.ist").doesNotContain("PRIVATE");
  }

  @Test
  void issuedCertificate_signedByAnotherCa_doesNotChain() throws Exception {
    DevCa ca = DevCa.create(tmp.resolve("ca"), "spike.ist");
    DevCa other = DevCa.create(tmp.resolve("other"), "spike.ist");
    Svid svid = other.issue(NEXUS, tmp.resolve("n.crt"), tmp.resolve("n.key"));

    X509Bundle bundle = X509Bundle.load(TrustDomain.parse("spike.ist"), ca.bundle());
    assertThatThrownBy(
            () ->
                X509SvidValidator.verifyChain(
                    X509Svid.load(svid.cert(), svid.key()).getChain(), bundle))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void issueSource_writesTheSvidUnderItsPathName_andServesIt() throws Exception {
    DevCa ca = DevCa.create(tmp.resolve("ca"), "spike.ist");
    try (SvidSource source = ca.issueSource("/spike/nexus", tmp.resolve("svid"))) {
      assertThat(tmp.resolve("svid/spike_nexus.crt")).isRegularFile();
      assertThat(tmp.resolve("svid/spike_nexus.key")).isRegularFile();
      assertThat(source.id()).isEqualTo(SpiffeId.parse("spiffe://spike.ist/spike/nexus"));
    }
  }
}
