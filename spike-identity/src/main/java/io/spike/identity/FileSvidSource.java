package io.spike.identity;

import io.spiffe.bundle.x509bundle.X509Bundle;
import io.spiffe.exception.BundleNotFoundException;
import io.spiffe.exception.X509BundleException;
import io.spiffe.exception.X509SvidException;
import io.spiffe.spiffeid.TrustDomain;
import io.spiffe.svid.x509svid.X509Svid;
import io.spiffe.svid.x509svid.X509SvidValidator;
import io.spiffe.workloadapi.X509Source;
import io.spike.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SVID and trust bundle read from PEM files, reloaded when they change; optionally the bundles
 * of federated trust domains, one PEM file per domain ({@code SPIKE_FEDERATED_BUNDLES}).
 *
 * <p>On access (every handshake asks), at most once per check interval, the files are stat'ed; when
 * the modification time, size or file identity of any of them changed, all are read again. A new
 * set is adopted only if it parses, the key matches the certificate, the trust domain is unchanged
 * and the SVID chains to the bundle; otherwise the old SVID stays in use and one warning is logged
 * for that state of the files. The bundle of a domain is used only for IDs of that domain: a CA in
 * a federated domain's file never vouches for an ID of ours, nor the other way round. Writers
 * should replace files atomically (as {@link DevCa} does), key before certificate.
 *
 * <p>Key bytes read from disk are zeroed after parsing; errors name files, never their content.
 */
final class FileSvidSource implements SvidSource, X509Source {

  static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(FileSvidSource.class);

  private final Path certFile;
  private final Path keyFile;
  private final Path bundleFile;
  private final Map<TrustDomain, Path> federatedFiles;
  private final long checkIntervalNanos;
  private final TrustDomain trustDomain;
  private final ReentrantLock reloadLock = new ReentrantLock();

  private volatile Loaded current;
  private volatile long nextCheckNanos;
  private volatile List<FileStamp> rejected;
  private volatile boolean closed;

  private FileSvidSource(
      Path certFile,
      Path keyFile,
      Path bundleFile,
      Map<TrustDomain, Path> federatedFiles,
      Duration checkInterval,
      Loaded first) {
    this.certFile = certFile;
    this.keyFile = keyFile;
    this.bundleFile = bundleFile;
    this.federatedFiles = federatedFiles;
    this.checkIntervalNanos = checkInterval.toNanos();
    this.current = first;
    this.trustDomain = first.svid().getSpiffeId().getTrustDomain();
    this.nextCheckNanos = System.nanoTime() + checkIntervalNanos;
  }

  /**
   * Loads the files once (failing loudly) and returns a source that reloads them.
   *
   * @throws IdentityException naming the file that is missing, unreadable or invalid
   */
  static FileSvidSource open(Path certFile, Path keyFile, Path bundleFile, Duration checkInterval) {
    return open(certFile, keyFile, bundleFile, Map.of(), checkInterval);
  }

  /**
   * As {@link #open(Path, Path, Path, Duration)}, with the bundle files of federated trust domains
   * ({@code <trust domain> -> PEM file}).
   *
   * @throws IdentityException naming the file that is missing, unreadable or invalid, or when a
   *     federated file names the SVID's own trust domain
   */
  static FileSvidSource open(
      Path certFile,
      Path keyFile,
      Path bundleFile,
      Map<String, Path> federated,
      Duration checkInterval) {
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(bundleFile, "bundleFile");
    Map<TrustDomain, Path> federatedFiles = new LinkedHashMap<>();
    federated.forEach((domain, file) -> federatedFiles.put(TrustDomain.parse(domain), file));
    List<FileStamp> stamps = stamps(certFile, keyFile, bundleFile, federatedFiles);
    Loaded first = load(certFile, keyFile, bundleFile, federatedFiles, null, stamps);
    if (federatedFiles.containsKey(first.svid().getSpiffeId().getTrustDomain())) {
      throw new IdentityException(
          Settings.FEDERATED_BUNDLES.name()
              + " names this SVID's own trust domain "
              + first.svid().getSpiffeId().getTrustDomain()
              + "; its bundle is "
              + Settings.TRUST_BUNDLE.name());
    }
    if (PemFiles.readableByOthers(keyFile)) {
      LOG.warn("SVID key file {} is readable by group or others; chmod 600 it", keyFile);
    }
    LOG.info(
        "Loaded SVID {} from {} (trust bundle {})",
        first.svid().getSpiffeId(),
        certFile,
        bundleFile);
    return new FileSvidSource(
        certFile, keyFile, bundleFile, Map.copyOf(federatedFiles), checkInterval, first);
  }

  @Override
  public X509Source x509Source() {
    return this;
  }

  @Override
  public X509Svid getX509Svid() {
    return fresh().svid();
  }

  @Override
  public X509Bundle getBundleForTrustDomain(TrustDomain requested) throws BundleNotFoundException {
    Loaded loaded = fresh();
    if (trustDomain.equals(requested)) {
      return loaded.bundle();
    }
    X509Bundle federated = loaded.federated().get(requested);
    if (federated == null) {
      throw new BundleNotFoundException("no trust bundle for trust domain " + requested);
    }
    return federated;
  }

  @Override
  public SpiffeId id() {
    return SpiffeId.parse(fresh().svid().getSpiffeId().toString());
  }

  @Override
  public String trustDomain() {
    return trustDomain.getName();
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "FileSvidSource[cert=" + certFile + ", key=" + keyFile + ", bundle=" + bundleFile + "]";
  }

  private Loaded fresh() {
    if (closed) {
      throw new IllegalStateException("SVID source is closed");
    }
    long now = System.nanoTime();
    if (now - nextCheckNanos >= 0 && reloadLock.tryLock()) {
      try {
        nextCheckNanos = now + checkIntervalNanos;
        reloadIfChanged();
      } finally {
        reloadLock.unlock();
      }
    }
    return current;
  }

  private void reloadIfChanged() {
    Loaded old = current;
    List<FileStamp> stamps;
    try {
      stamps = stamps(certFile, keyFile, bundleFile, federatedFiles);
    } catch (IdentityException e) {
      warnOnce(null, e.getMessage());
      return;
    }
    if (stamps.equals(old.stamps()) || stamps.equals(rejected)) {
      return;
    }
    try {
      Loaded loaded = load(certFile, keyFile, bundleFile, federatedFiles, trustDomain, stamps);
      current = loaded;
      rejected = null;
      LOG.info(
          "Reloaded SVID {} from {} (was {})",
          loaded.svid().getSpiffeId(),
          certFile,
          old.svid().getSpiffeId());
    } catch (IdentityException e) {
      warnOnce(stamps, e.getMessage());
    }
  }

  private void warnOnce(List<FileStamp> stamps, String reason) {
    if (stamps == null || !stamps.equals(rejected)) {
      LOG.warn(
          "Keeping the current SVID {}: the changed files do not load: {}",
          current.svid().getSpiffeId(),
          reason);
    }
    rejected = stamps;
  }

  private static Loaded load(
      Path certFile,
      Path keyFile,
      Path bundleFile,
      Map<TrustDomain, Path> federatedFiles,
      TrustDomain expected,
      List<FileStamp> stamps) {
    byte[] certPem = PemFiles.read(certFile, "SVID certificate (SPIKE_SVID_CERT)");
    byte[] keyPem = PemFiles.read(keyFile, "SVID key (SPIKE_SVID_KEY)");
    byte[] bundlePem = PemFiles.read(bundleFile, "trust bundle (SPIKE_TRUST_BUNDLE)");
    X509Svid svid;
    try {
      svid = X509Svid.parse(certPem, keyPem);
    } catch (X509SvidException | RuntimeException e) {
      // No cause: key decoding errors can quote key characters.
      throw new IdentityException(
          "invalid SVID in " + certFile + " with key " + keyFile + ": " + e.getMessage());
    } finally {
      Arrays.fill(keyPem, (byte) 0);
    }
    if (!KeyPairCheck.matches(svid.getPrivateKey(), svid.getLeaf().getPublicKey())) {
      throw new IdentityException(
          "the key in " + keyFile + " does not match the certificate in " + certFile);
    }
    TrustDomain trustDomain = svid.getSpiffeId().getTrustDomain();
    if (expected != null && !expected.equals(trustDomain)) {
      throw new IdentityException(
          "the SVID in "
              + certFile
              + " is for trust domain "
              + trustDomain
              + ", but this process runs in "
              + expected
              + "; restart to change trust domains");
    }
    X509Bundle bundle = parseBundle(trustDomain, bundlePem, bundleFile);
    Map<TrustDomain, X509Bundle> federated = new HashMap<>();
    federatedFiles.forEach(
        (domain, file) ->
            federated.put(
                domain,
                parseBundle(
                    domain,
                    PemFiles.read(file, "federated bundle (SPIKE_FEDERATED_BUNDLES)"),
                    file)));
    try {
      X509SvidValidator.verifyChain(svid.getChain(), bundle);
    } catch (CertificateException | BundleNotFoundException e) {
      throw new IdentityException(
          "the SVID in "
              + certFile
              + " ("
              + svid.getSpiffeId()
              + ") does not chain to the trust bundle "
              + bundleFile
              + " or is expired: "
              + e.getMessage(),
          e);
    }
    return new Loaded(svid, bundle, Map.copyOf(federated), stamps);
  }

  private static X509Bundle parseBundle(TrustDomain domain, byte[] pem, Path file) {
    try {
      return X509Bundle.parse(domain, pem);
    } catch (X509BundleException | RuntimeException e) {
      throw new IdentityException("invalid trust bundle " + file + ": " + e.getMessage(), e);
    }
  }

  private static List<FileStamp> stamps(
      Path certFile, Path keyFile, Path bundleFile, Map<TrustDomain, Path> federatedFiles) {
    List<Path> files = new ArrayList<>(List.of(certFile, keyFile, bundleFile));
    files.addAll(federatedFiles.values());
    List<FileStamp> stamps = new ArrayList<>();
    for (Path file : files) {
      try {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        stamps.add(
            new FileStamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey()));
      } catch (IOException e) {
        throw new IdentityException("cannot read " + file + ": " + PemFiles.describe(e), e);
      }
    }
    return List.copyOf(stamps);
  }

  /** What identifies one state of a file: any change means "read it again". */
  private record FileStamp(FileTime modified, long size, Object fileKey) {}

  /** One consistent, validated set of SVID and bundles. */
  private record Loaded(
      X509Svid svid,
      X509Bundle bundle,
      Map<TrustDomain, X509Bundle> federated,
      List<FileStamp> stamps) {}
}
