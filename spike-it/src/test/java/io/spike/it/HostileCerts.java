package io.spike.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Client certificates an attacker could bring: signed by the dev CA of a cluster (whose key the
 * attacker is assumed to misuse, e.g. a second SPIFFE ID smuggled into one leaf) or by a CA of
 * their own that claims a privileged ID. Test-only; the dev CA's {@code DevCa} issues only
 * well-formed SVIDs, so these are built here with BouncyCastle.
 */
final class HostileCerts {
  private HostileCerts() {}

  /** A leaf and its key. */
  record Leaf(X509Certificate certificate, PrivateKey key) {}

  /**
   * A leaf signed by the dev CA of {@code devDir} with exactly these URI SANs (and DNS localhost).
   */
  static Leaf fromDevCa(Path devDir, List<String> uris) {
    try {
      X509Certificate caCert = certificate(devDir.resolve("ca/ca.crt"));
      PrivateKey caKey = privateKey(devDir.resolve("ca/ca.key"));
      return issue(caCert.getSubjectX500Principal().getName(), caKey, uris);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A leaf signed by a fresh CA nobody trusts, with these URI SANs. */
  static Leaf fromForeignCa(List<String> uris) {
    KeyPair ca = ecKeyPair();
    return issue("CN=spike dev CA, O=SPIKE", ca.getPrivate(), uris);
  }

  private static Leaf issue(String issuer, PrivateKey issuerKey, List<String> uris) {
    try {
      KeyPair pair = ecKeyPair();
      Instant now = Instant.now();
      List<GeneralName> names = new ArrayList<>();
      for (String uri : uris) {
        names.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
      }
      names.add(new GeneralName(GeneralName.dNSName, "localhost"));
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  new X500Name(issuer),
                  new BigInteger(64, new SecureRandom()).add(BigInteger.ONE),
                  Date.from(now.minus(Duration.ofMinutes(5))),
                  Date.from(now.plus(Duration.ofHours(1))),
                  new X500Name("O=SPIKE"),
                  pair.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(
                      new KeyPurposeId[] {
                        KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth
                      }))
              .addExtension(
                  Extension.subjectAlternativeName,
                  false,
                  new GeneralNames(names.toArray(new GeneralName[0])));
      X509Certificate leaf =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
      return new Leaf(leaf, pair.getPrivate());
    } catch (Exception e) {
      throw new IllegalStateException("cannot build a test certificate", e);
    }
  }

  private static KeyPair ecKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static X509Certificate certificate(Path pem) throws IOException {
    try (var in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (GeneralSecurityException e) {
      throw new IOException("not a certificate: " + pem, e);
    }
  }

  /** A PKCS#8 PEM EC private key. */
  static PrivateKey privateKey(Path pem) throws IOException {
    String text =
        Files.readString(pem, StandardCharsets.US_ASCII)
            .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance("EC")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(text)));
    } catch (GeneralSecurityException e) {
      throw new IOException("not a PKCS#8 EC key: " + pem, e);
    }
  }
}
