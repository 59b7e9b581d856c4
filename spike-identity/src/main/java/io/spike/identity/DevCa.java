package io.spike.identity;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The development certificate authority behind {@code spike dev}: an EC P-256 self-signed CA
 * ({@code CN=spike dev CA}, URI SAN {@code spiffe://<trust domain>}, valid 10 years) that issues
 * X.509-SVIDs.
 *
 * <p>Files in the CA directory (created {@code 0700}): {@code ca.crt} (the CA certificate), {@code
 * ca.key} (its PKCS#8 key, {@code 0600}) and {@code bundle.pem} (the trust bundle: the CA
 * certificate, for {@code SPIKE_TRUST_BUNDLE}).
 *
 * <p>Each issued SVID has an EC P-256 key (PKCS#8 PEM, {@code 0600}), the SPIFFE ID as its only URI
 * SAN, DNS SAN {@code localhost} and IP SAN {@code 127.0.0.1} (so plain TLS tools work against a
 * dev cluster), key usage digitalSignature and keyAgreement, extended key usage serverAuth and
 * clientAuth, and one year of validity (never beyond the CA's). Files are replaced atomically, so a
 * component reloading them never sees a half-written key.
 *
 * <p>This is for development and tests. Production identities come from SPIRE through the Workload
 * API.
 */
public final class DevCa {

  /** CA certificate file name. */
  public static final String CA_CERT = "ca.crt";

  /** CA private key file name. */
  public static final String CA_KEY = "ca.key";

  /** Trust bundle file name. */
  public static final String BUNDLE = "bundle.pem";

  static final Duration CA_VALIDITY = Duration.ofDays(3652);
  static final Duration LEAF_VALIDITY = Duration.ofDays(365);
  private static final Duration BACKDATE = Duration.ofMinutes(5);
  private static final String SIGNATURE = "SHA256withECDSA";

  private final Path dir;
  private final String trustDomain;
  private final X509Certificate certificate;
  private final PrivateKey key;
  private final SecureRandom random;

  private DevCa(Path dir, String trustDomain, X509Certificate certificate, PrivateKey key) {
    this.dir = dir;
    this.trustDomain = trustDomain;
    this.certificate = certificate;
    this.key = key;
    this.random = new SecureRandom();
  }

  /**
   * Makes a new CA in {@code caDir} (created {@code 0700}).
   *
   * @throws IdentityException when {@code caDir} already holds a CA (use {@link #load} or {@link
   *     #loadOrCreate}: a trust root is never replaced silently), or on I/O errors
   * @throws IllegalArgumentException when {@code trustDomain} is not a valid name
   */
  public static DevCa create(Path caDir, String trustDomain) {
    Objects.requireNonNull(caDir, "caDir");
    SpiffeId.validateTrustDomain(Objects.requireNonNull(trustDomain, "trustDomain"));
    if (Files.exists(caDir.resolve(CA_KEY)) || Files.exists(caDir.resolve(CA_CERT))) {
      throw new IdentityException(
          "a dev CA already exists in "
              + caDir
              + "; load it, or remove the directory to start over");
    }
    PemFiles.createPrivateDirectory(caDir);
    SecureRandom random = new SecureRandom();
    KeyPair pair = newKeyPair(random);
    X500Name name = new X500Name("CN=spike dev CA,O=SPIKE");
    Instant now = Instant.now();
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          template(
                  name,
                  name,
                  pair.getPublic(),
                  now,
                  now.plus(CA_VALIDITY),
                  random,
                  new BasicConstraints(0),
                  KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature)
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ext.createSubjectKeyIdentifier(pair.getPublic()))
              .addExtension(
                  Extension.subjectAlternativeName,
                  false,
                  new GeneralNames(
                      new GeneralName(
                          GeneralName.uniformResourceIdentifier, "spiffe://" + trustDomain)));
      X509Certificate certificate = signCertificate(builder, pair.getPrivate());
      byte[] pem = PemFiles.encodeCertificates(List.of(certificate));
      PemFiles.writePrivateKey(caDir.resolve(CA_KEY), pair.getPrivate());
      PemFiles.writePublic(caDir.resolve(CA_CERT), pem);
      PemFiles.writePublic(caDir.resolve(BUNDLE), pem);
      return new DevCa(caDir, trustDomain, certificate, pair.getPrivate());
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IdentityException("cannot create the dev CA: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a CA made by {@link #create} back from {@code caDir}; the trust domain comes from the CA
   * certificate's URI SAN.
   *
   * @throws IdentityException when a file is missing, unreadable or invalid
   */
  public static DevCa load(Path caDir) {
    Objects.requireNonNull(caDir, "caDir");
    Path certFile = caDir.resolve(CA_CERT);
    Path keyFile = caDir.resolve(CA_KEY);
    X509Certificate certificate =
        PemFiles.parseCertificates(PemFiles.read(certFile, "dev CA certificate"), certFile).get(0);
    byte[] keyPem = PemFiles.read(keyFile, "dev CA key");
    PrivateKey key;
    try {
      key = PemFiles.parsePrivateKey(keyPem, keyFile);
    } finally {
      Arrays.fill(keyPem, (byte) 0);
    }
    String trustDomain = trustDomainOf(certificate, certFile);
    if (!KeyPairCheck.matches(key, certificate.getPublicKey())) {
      throw new IdentityException(
          "the key in " + keyFile + " does not belong to the certificate in " + certFile);
    }
    return new DevCa(caDir, trustDomain, certificate, key);
  }

  /** {@link #load} when {@code caDir} holds a CA, {@link #create} otherwise. */
  public static DevCa loadOrCreate(Path caDir, String trustDomain) {
    if (Files.exists(caDir.resolve(CA_KEY))) {
      DevCa ca = load(caDir);
      if (!ca.trustDomain.equals(trustDomain)) {
        throw new IdentityException(
            "the dev CA in "
                + caDir
                + " is for trust domain "
                + ca.trustDomain
                + ", not "
                + trustDomain
                + "; set SPIKE_TRUST_ROOT="
                + ca.trustDomain
                + " or use a new directory");
      }
      return ca;
    }
    return create(caDir, trustDomain);
  }

  /** The trust bundle file ({@code bundle.pem}): what {@code SPIKE_TRUST_BUNDLE} points at. */
  public Path bundle() {
    return dir.resolve(BUNDLE);
  }

  /** The directory holding the CA files. */
  public Path directory() {
    return dir;
  }

  /** The trust domain this CA issues for. */
  public String trustDomain() {
    return trustDomain;
  }

  /** The CA certificate (public). */
  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * Issues an SVID for {@code id} and writes it: the leaf certificate to {@code certFile}, its key
   * (PKCS#8 PEM, {@code 0600}) to {@code keyFile}. Both are replaced atomically if they exist;
   * missing parent directories are created {@code 0700}.
   *
   * @throws IllegalArgumentException when {@code id} is not in this CA's trust domain
   * @throws IdentityException on I/O or signing failures
   */
  public Svid issue(SpiffeId id, Path certFile, Path keyFile) {
    return issue(id, certFile, keyFile, LEAF_VALIDITY, true);
  }

  /**
   * Issues an SVID for the path {@code spiffePath} of this CA's trust domain into {@code dir}, as
   * {@code <path with '/' as '_'>.crt} and {@code .key}, and returns it as a file-backed source
   * trusting this CA's bundle: what test and benchmark clusters hand their components.
   */
  public SvidSource issueSource(String spiffePath, Path dir) {
    String name = spiffePath.substring(1).replace('/', '_');
    Path cert = dir.resolve(name + ".crt");
    Path key = dir.resolve(name + ".key");
    issue(SpiffeId.of(trustDomain, spiffePath), cert, key);
    return SvidSources.fromFiles(cert, key, bundle());
  }

  /**
   * As {@link #issue(SpiffeId, Path, Path)}, with a validity and optional host-name SANs (tests).
   */
  Svid issue(SpiffeId id, Path certFile, Path keyFile, Duration validity, boolean hostNames) {
    Objects.requireNonNull(id, "id");
    if (!id.memberOf(trustDomain)) {
      throw new IllegalArgumentException(
          "cannot issue " + id + ": this dev CA is for trust domain " + trustDomain);
    }
    KeyPair pair = newKeyPair(random);
    X509Certificate leaf = signLeaf(id, pair.getPublic(), validity, hostNames);
    createParent(keyFile);
    createParent(certFile);
    // Key first: a reader that sees the new certificate also finds its key.
    PemFiles.writePrivateKey(keyFile, pair.getPrivate());
    PemFiles.writePublic(certFile, PemFiles.encodeCertificates(List.of(leaf)));
    return new Svid(id, certFile, keyFile);
  }

  private X509Certificate signLeaf(
      SpiffeId id, PublicKey publicKey, Duration validity, boolean hostNames) {
    Instant now = Instant.now();
    Instant notAfter = now.plus(validity);
    Instant caNotAfter = certificate.getNotAfter().toInstant();
    if (notAfter.isAfter(caNotAfter)) {
      notAfter = caNotAfter;
    }
    List<GeneralName> names = new ArrayList<>();
    names.add(new GeneralName(GeneralName.uniformResourceIdentifier, id.toString()));
    if (hostNames) {
      names.add(new GeneralName(GeneralName.dNSName, "localhost"));
      names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    }
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          template(
                  X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
                  new X500Name("O=SPIKE"),
                  publicKey,
                  now,
                  notAfter,
                  random,
                  new BasicConstraints(false),
                  KeyUsage.digitalSignature | KeyUsage.keyAgreement)
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(
                      new KeyPurposeId[] {
                        KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                      }))
              .addExtension(
                  Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(publicKey))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  ext.createAuthorityKeyIdentifier(certificate))
              .addExtension(
                  Extension.subjectAlternativeName,
                  false,
                  new GeneralNames(names.toArray(GeneralName[]::new)));
      return signCertificate(builder, key);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IdentityException("cannot issue an SVID for " + id + ": " + e.getMessage(), e);
    }
  }

  /** What every certificate here has: backdated validity, a random serial, critical constraints. */
  private static X509v3CertificateBuilder template(
      X500Name issuer,
      X500Name subject,
      PublicKey publicKey,
      Instant now,
      Instant notAfter,
      SecureRandom random,
      BasicConstraints constraints,
      int keyUsage)
      throws CertIOException {
    return new JcaX509v3CertificateBuilder(
            issuer,
            serial(random),
            Date.from(now.minus(BACKDATE)),
            Date.from(notAfter),
            subject,
            publicKey)
        .addExtension(Extension.basicConstraints, true, constraints)
        .addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
  }

  private static X509Certificate signCertificate(
      X509v3CertificateBuilder builder, PrivateKey signingKey) throws CertificateException {
    try {
      ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(signingKey);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException e) {
      throw new IdentityException("cannot sign a certificate: " + e.getMessage(), e);
    }
  }

  private static KeyPair newKeyPair(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IdentityException("EC P-256 is not available in this JVM", e);
    }
  }

  private static BigInteger serial(SecureRandom random) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    bytes[0] &= 0x7f;
    bytes[0] |= 0x01; // positive, non-zero, always 16 bytes
    return new BigInteger(bytes);
  }

  private static void createParent(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      PemFiles.createPrivateDirectory(parent);
    }
  }

  private static String trustDomainOf(X509Certificate ca, Path source) {
    try {
      var names = ca.getSubjectAlternativeNames();
      if (names != null) {
        for (List<?> name : names) {
          if (Integer.valueOf(GeneralName.uniformResourceIdentifier).equals(name.get(0))
              && name.get(1) instanceof String uri
              && uri.startsWith("spiffe://")) {
            String trustDomain = uri.substring("spiffe://".length());
            SpiffeId.validateTrustDomain(trustDomain);
            return trustDomain;
          }
        }
      }
    } catch (CertificateException | IllegalArgumentException e) {
      throw new IdentityException(
          "the CA certificate in " + source + " has no valid spiffe:// trust domain URI SAN");
    }
    throw new IdentityException(
        "the CA certificate in " + source + " has no spiffe:// trust domain URI SAN");
  }

  /** Shows the trust domain and directory, never the key. */
  @Override
  public String toString() {
    return "DevCa[trustDomain=" + trustDomain + ", dir=" + dir + "]";
  }
}
