package io.spike.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PeerIdentityTest {

  @TempDir Path tmp;

  private Path caDir;
  private DevCa ca;

  @BeforeEach
  void setUp() {
    caDir = tmp.resolve("ca");
    ca = DevCa.create(caDir, "spike.ist");
  }

  @Test
  void fromCertificates_devCaLeaf_yieldsItsId() {
    Svid svid = ca.issue(Role.KEEPER.id("spike.ist"), tmp.resolve("k.crt"), tmp.resolve("k.key"));
    X509Certificate leaf = read(svid.cert());

    assertThat(PeerIdentity.fromCertificates(new Certificate[] {leaf, ca.certificate()}))
        .contains(Role.KEEPER.id("spike.ist"));
  }

  @Test
  void fromCertificates_nullOrEmpty_isEmpty() {
    assertThat(PeerIdentity.fromCertificates(null)).isEmpty();
    assertThat(PeerIdentity.fromCertificates(new Certificate[0])).isEmpty();
    assertThat(PeerIdentity.fromSession(null)).isEmpty();
  }

  @Test
  void fromCertificates_caCertificateWithBareTrustDomain_isEmpty() {
    assertThat(PeerIdentity.fromCertificates(new Certificate[] {ca.certificate()})).isEmpty();
  }

  /** Leaf SANs that name no single well-formed SPIFFE ID, by what is wrong with them. */
  static Stream<Arguments> leavesWithoutOneSpiffeId() {
    return Stream.of(
        Arguments.of("two SPIFFE URIs", List.of("spiffe://spike.ist/a", "spiffe://spike.ist/b")),
        Arguments.of("no SAN", List.of()),
        Arguments.of("only a non-SPIFFE URI", List.of("https://spike.ist/spike/nexus")),
        Arguments.of("a malformed SPIFFE URI", List.of("spiffe://spike.ist/a/../b")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("leavesWithoutOneSpiffeId")
  void fromCertificates_leafWithoutOneSpiffeId_isEmpty(String why, List<String> uris)
      throws Exception {
    var leaf = TestCerts.leaf(caDir, uris, TestCerts.both());

    assertThat(PeerIdentity.fromCertificates(new Certificate[] {leaf.certificate()})).isEmpty();
  }

  @Test
  void fromCertificates_spiffeUriBesideOtherUri_isTheSpiffeOne() throws Exception {
    var leaf =
        TestCerts.leaf(
            caDir, List.of("https://example.org/x", "spiffe://spike.ist/app"), TestCerts.both());

    assertThat(PeerIdentity.fromCertificates(new Certificate[] {leaf.certificate()}))
        .contains(SpiffeId.parse("spiffe://spike.ist/app"));
  }

  private static X509Certificate read(Path file) {
    try {
      return PemFiles.parseCertificates(Files.readAllBytes(file), file).get(0);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
