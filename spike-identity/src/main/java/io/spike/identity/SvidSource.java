package io.spike.identity;

import io.spiffe.workloadapi.X509Source;

/**
 * Where this process gets its X.509-SVID and trust bundle: PEM files that are reloaded when they
 * change, or the SPIFFE Workload API. Make one with {@link SvidSources}.
 *
 * <p>The {@link #x509Source()} is live: each call to its {@code getX509Svid()} returns the current
 * SVID, so TLS contexts built by {@link TlsContexts} pick up a rotated SVID on their next handshake
 * without being rebuilt.
 */
public interface SvidSource extends AutoCloseable {

  /** The live java-spiffe source (SVID and bundle of our trust domain). */
  X509Source x509Source();

  /** The SPIFFE ID of the current SVID. */
  SpiffeId id();

  /** Our trust domain: the current SVID's. Peers are validated against its bundle. */
  String trustDomain();

  /** Stops watching files or the Workload API; the source is unusable afterwards. */
  @Override
  void close();
}
