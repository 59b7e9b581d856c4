package io.spike.identity;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

/** Odd certificates that {@link DevCa} would never issue, signed by a dev CA's key. */
final class TestCerts {

  private TestCerts() {}

  record Leaf(X509Certificate certificate, PrivateKey key) {}

  /**
   * A leaf signed by the CA in {@code caDir} with exactly these URI SANs and EKUs (null = no
   * extension).
   */
  static Leaf leaf(Path caDir, List<String> uris, KeyPurposeId[] extendedKeyUsage)
      throws Exception {
    DevCa ca = DevCa.load(caDir);
    PrivateKey caKey =
        PemFiles.parsePrivateKey(PemFiles.read(caDir.resolve(DevCa.CA_KEY), "key"), caDir);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    Instant now = Instant.now();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
                ca.certificate(),
                BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(1, ChronoUnit.HOURS)),
                Date.from(now.plus(1, ChronoUnit.DAYS)),
                new X500Name("O=test"),
                pair.getPublic())
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
            .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    if (!uris.isEmpty()) {
      GeneralName[] names =
          uris.stream()
              .map(uri -> new GeneralName(GeneralName.uniformResourceIdentifier, uri))
              .toArray(GeneralName[]::new);
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    }
    if (extendedKeyUsage != null) {
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(extendedKeyUsage));
    }
    X509Certificate certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
    return new Leaf(certificate, pair.getPrivate());
  }

  static KeyPurposeId[] both() {
    return new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth};
  }
}
