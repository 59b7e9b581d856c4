package io.spike.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.spiffe.exception.BundleNotFoundException;
import io.spiffe.spiffeid.TrustDomain;
import io.spike.testkit.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSvidSourceTest {

  private static final SpiffeId KEEPER = SpiffeId.parse("spiffe://spike.ist/spike/keeper");
  private static final SpiffeId NEXUS = SpiffeId.parse("spiffe://spike.ist/spike/nexus");

  @TempDir Path tmp;

  private DevCa ca;
  private Path cert;
  private Path key;

  @BeforeEach
  void setUp() {
    ca = DevCa.create(tmp.resolve("ca"), "spike.ist");
    cert = tmp.resolve("svid/svid.crt");
    key = tmp.resolve("svid/svid.key");
    ca.issue(KEEPER, cert, key);
  }

  @Test
  void open_loadsSvidAndBundle() throws Exception {
    try (FileSvidSource source =
        FileSvidSource.open(cert, key, ca.bundle(), Duration.ofSeconds(1))) {
      assertThat(source.id()).isEqualTo(KEEPER);
      assertThat(source.trustDomain()).isEqualTo("spike.ist");
      assertThat(source.x509Source()).isSameAs(source);
      assertThat(source.getX509Svid().getLeaf().getSubjectAlternativeNames()).isNotEmpty();
      assertThat(
              source.getBundleForTrustDomain(TrustDomain.parse("spike.ist")).getX509Authorities())
          .containsExactly(ca.certificate());
      assertThat(source.toString()).contains(cert.toString()).doesNotContain("PRIVATE");
    }
  }

  @Test
  void getBundleForTrustDomain_otherDomain_isNotFound() {
    try (FileSvidSource source =
        FileSvidSource.open(cert, key, ca.bundle(), Duration.ofSeconds(1))) {
      assertThatThrownBy(() -> source.getBundleForTrustDomain(TrustDomain.parse("other.td")))
          .isInstanceOf(BundleNotFoundException.class);
    }
  }

  @Test
  void federatedBundles_areServedPerDomain_andReloaded() throws Exception {
    DevCa partner = DevCa.create(tmp.resolve("partner-ca"), "partner.example");
    Path partnerBundle = tmp.resolve("partner.pem");
    Files.copy(partner.bundle(), partnerBundle);
    try (FileSvidSource source =
        FileSvidSource.open(
            cert, key, ca.bundle(), Map.of("partner.example", partnerBundle), Duration.ZERO)) {
      TrustDomain partnerDomain = TrustDomain.parse("partner.example");
      assertThat(source.getBundleForTrustDomain(partnerDomain).getX509Authorities())
          .containsExactly(partner.certificate());
      assertThat(
              source.getBundleForTrustDomain(TrustDomain.parse("spike.ist")).getX509Authorities())
          .containsExactly(ca.certificate());
      assertThatThrownBy(() -> source.getBundleForTrustDomain(TrustDomain.parse("third.example")))
          .isInstanceOf(BundleNotFoundException.class);

      DevCa rolled = DevCa.create(tmp.resolve("partner-ca-2"), "partner.example");
      Files.copy(rolled.bundle(), partnerBundle, StandardCopyOption.REPLACE_EXISTING);
      assertThat(source.getBundleForTrustDomain(partnerDomain).getX509Authorities())
          .containsExactly(rolled.certificate());
    }
  }

  @Test
  void federatedBundle_forOurOwnDomain_isRefused() {
    assertThatThrownBy(
            () ->
                FileSvidSource.open(
                    cert, key, ca.bundle(), Map.of("spike.ist", ca.bundle()), Duration.ZERO))
        .isInstanceOf(IdentityException.class)
        .hasMessageContaining("SPIKE_FEDERATED_BUNDLES")
        .hasMessageContaining("SPIKE_TRUST_BUNDLE");
  }

  @Test
  void reissuedFiles_areReloadedOnNextAccess() {
    try (FileSvidSource source = FileSvidSource.open(cert, key, ca.bundle(), Duration.ZERO)) {
      ca.issue(NEXUS, cert, key);

      assertThat(source.id()).isEqualTo(NEXUS);
      assertThat(source.getX509Svid().getSpiffeId().toString()).isEqualTo(NEXUS.toString());
    }
  }

  @Test
  void reload_isCheckedAtMostOncePerInterval() throws Exception {
    try (FileSvidSource source =
        FileSvidSource.open(cert, key, ca.bundle(), Duration.ofMillis(1500))) {
      ca.issue(NEXUS, cert, key);

      assertThat(source.id()).as("within the interval the old SVID is served").isEqualTo(KEEPER);
      Thread.sleep(1600);
      assertThat(source.id()).isEqualTo(NEXUS);
    }
  }

  @Test
  void defaultInterval_picksUpChangesWithinAboutASecond() throws Exception {
    try (FileSvidSource source =
        FileSvidSource.open(cert, key, ca.bundle(), FileSvidSource.DEFAULT_CHECK_INTERVAL)) {
      ca.issue(NEXUS, cert, key);
      long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      while (!source.id().equals(NEXUS) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }

      assertThat(source.id()).isEqualTo(NEXUS);
    }
  }

  @Test
  void brokenReplacement_keepsOldSvid_warnsOnce_andRecovers() throws Exception {
    try (FileSvidSource source = FileSvidSource.open(cert, key, ca.bundle(), Duration.ZERO);
        LogCapture logs = LogCapture.start()) {
      byte[] goodKey = Files.readAllBytes(key);
      Files.writeString(
          key, "-----BEGIN PRIVATE KEY-----\nnot-a-key-SECRETISH\n-----END PRIVATE KEY-----\n");

      assertThat(source.id()).isEqualTo(KEEPER);
      assertThat(source.id()).isEqualTo(KEEPER);
      assertThat(source.getX509Svid().getSpiffeId().toString()).isEqualTo(KEEPER.toString());
      assertThat(logs.events()).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(1);
      assertThat(logs.text())
          .contains("Keeping the current SVID")
          .contains(cert.toString())
          .doesNotContain("SECRETISH");

      ca.issue(NEXUS, cert, key);
      assertThat(source.id()).isEqualTo(NEXUS);
      assertThat(goodKey).isNotEmpty();
    }
  }

  @Test
  void keyOfAnotherSvid_isRejectedAndOldKept() throws Exception {
    ca.issue(NEXUS, tmp.resolve("other.crt"), tmp.resolve("other.key"));
    try (FileSvidSource source = FileSvidSource.open(cert, key, ca.bundle(), Duration.ZERO);
        LogCapture logs = LogCapture.start()) {
      Files.copy(tmp.resolve("other.key"), key, StandardCopyOption.REPLACE_EXISTING);

      assertThat(source.id()).isEqualTo(KEEPER);
      assertThat(logs.text()).contains("does not match");
      // The certificate follows: now the pair is consistent again.
      Files.copy(tmp.resolve("other.crt"), cert, StandardCopyOption.REPLACE_EXISTING);
      assertThat(source.id()).isEqualTo(NEXUS);
    }
  }

  @Test
  void svidFromAnotherCa_isNotAdopted() {
    DevCa other = DevCa.create(tmp.resolve("other-ca"), "spike.ist");
    try (FileSvidSource source = FileSvidSource.open(cert, key, ca.bundle(), Duration.ZERO);
        LogCapture logs = LogCapture.start()) {
      other.issue(NEXUS, cert, key);

      assertThat(source.id()).isEqualTo(KEEPER);
      assertThat(logs.text()).contains("does not chain");
    }
  }

  @Test
  void trustDomainChange_isNotAdopted() {
    DevCa other = DevCa.create(tmp.resolve("other-ca"), "other.td");
    try (FileSvidSource source = FileSvidSource.open(cert, key, ca.bundle(), Duration.ZERO);
        LogCapture logs = LogCapture.start()) {
      other.issue(SpiffeId.parse("spiffe://other.td/spike/nexus"), cert, key);

      assertThat(source.id()).isEqualTo(KEEPER);
      assertThat(source.trustDomain()).isEqualTo("spike.ist");
      assertThat(logs.text()).contains("other.td");
    }
  }

  @Test
  void deletedFiles_keepOldSvid() throws Exception {
    try (FileSvidSource source = FileSvidSource.open(cert, key, ca.bundle(), Duration.ZERO);
        LogCapture logs = LogCapture.start()) {
      Files.delete(key);

      assertThat(source.id()).isEqualTo(KEEPER);
      assertThat(logs.text()).contains(key.toString());
    }
  }

  @Test
  void open_missingCert_namesThePath() {
    Path missing = tmp.resolve("missing.crt");

    assertThatThrownBy(() -> FileSvidSource.open(missing, key, ca.bundle(), Duration.ZERO))
        .isInstanceOf(IdentityException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void open_unreadableKey_namesThePath() throws Exception {
    Files.delete(key);
    Files.createDirectory(key); // unreadable as a file, even for root

    assertThatThrownBy(() -> FileSvidSource.open(cert, key, ca.bundle(), Duration.ZERO))
        .isInstanceOf(IdentityException.class)
        .hasMessageContaining("SPIKE_SVID_KEY")
        .hasMessageContaining(key.toString());
  }

  @Test
  void open_garbageKey_namesThePathNotTheContent() throws Exception {
    Files.writeString(
        key, "-----BEGIN PRIVATE KEY-----\nMIGHxSECRETxKEYxMATERIAL\n-----END PRIVATE KEY-----\n");

    assertThatThrownBy(() -> FileSvidSource.open(cert, key, ca.bundle(), Duration.ZERO))
        .isInstanceOf(IdentityException.class)
        .hasMessageContaining(key.toString())
        .hasNoCause()
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRET"));
  }

  @Test
  void open_worldReadableKey_warns() throws Exception {
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    try (LogCapture logs = LogCapture.start();
        FileSvidSource source = FileSvidSource.open(cert, key, ca.bundle(), Duration.ZERO)) {
      assertThat(source.id()).isEqualTo(KEEPER);
      assertThat(logs.text()).contains("chmod 600").contains(key.toString());
    }
  }

  @Test
  void open_logsNoKeyMaterial() throws Exception {
    String keyPem = Files.readString(key);
    String keyBody = keyPem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
    try (LogCapture logs = LogCapture.start();
        FileSvidSource source = FileSvidSource.open(cert, key, ca.bundle(), Duration.ZERO)) {
      ca.issue(NEXUS, cert, key);
      source.id();

      assertThat(logs.text())
          .contains("Loaded SVID")
          .contains("Reloaded SVID")
          .doesNotContain("PRIVATE KEY")
          .doesNotContain(keyBody.substring(0, 40));
    }
  }

  @Test
  void close_makesTheSourceUnusable() {
    FileSvidSource source = FileSvidSource.open(cert, key, ca.bundle(), Duration.ZERO);
    source.close();

    assertThatThrownBy(source::getX509Svid).isInstanceOf(IllegalStateException.class);
  }
}
