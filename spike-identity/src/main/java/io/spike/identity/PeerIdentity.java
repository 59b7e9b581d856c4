package io.spike.identity;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The SPIFFE ID of a TLS peer, read from its leaf certificate.
 *
 * <p>Use only on certificates the TLS stack has already verified (the peer certificates of a
 * session made with {@link TlsContexts}): this reads, it does not validate chains.
 */
public final class PeerIdentity {

  private static final int URI_SAN = 6;

  private PeerIdentity() {}

  /**
   * The SPIFFE ID in the leaf ({@code chain[0]}): present when the leaf is an X.509 certificate
   * with exactly one {@code spiffe://} URI SAN that is a valid SPIFFE ID with a path; empty
   * otherwise (no chain, no or several SPIFFE URIs, malformed ID).
   */
  public static Optional<SpiffeId> fromCertificates(Certificate[] chain) {
    if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
      return Optional.empty();
    }
    return fromLeaf(leaf);
  }

  /** The peer's SPIFFE ID in an established session; empty when the peer sent no certificate. */
  public static Optional<SpiffeId> fromSession(SSLSession session) {
    if (session == null) {
      return Optional.empty();
    }
    try {
      return fromCertificates(session.getPeerCertificates());
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
  }

  static Optional<SpiffeId> fromLeaf(X509Certificate leaf) {
    Collection<List<?>> names;
    try {
      names = leaf.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return Optional.empty();
    }
    if (names == null) {
      return Optional.empty();
    }
    String found = null;
    for (List<?> name : names) {
      if (name.size() >= 2
          && Integer.valueOf(URI_SAN).equals(name.get(0))
          && name.get(1) instanceof String uri
          && uri.toLowerCase(Locale.ROOT).startsWith("spiffe://")) {
        if (found != null) {
          return Optional.empty();
        }
        found = uri;
      }
    }
    if (found == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(SpiffeId.parse(found));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
