package io.spike.identity;

import io.spiffe.provider.SpiffeTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a peer when its leaf has exactly one valid SPIFFE ID, of one of the allowed trust domains,
 * its chain validates against the bundle of <em>that ID's</em> trust domain (via java-spiffe's
 * {@link SpiffeTrustManager}, which asks the source for the bundle of the leaf's domain: a CA of
 * domain A never vouches for an ID in domain B), its extended key usage (if any) allows the
 * direction, and the ID passes {@code accept}.
 *
 * <p>Being an {@link X509ExtendedTrustManager}, it is called with the socket or engine and the JDK
 * does not add its own host-name check; this class deliberately ignores the endpoint identification
 * algorithm (e.g. the {@code HTTPS} that {@code java.net.http.HttpClient} sets): peers are named by
 * SPIFFE ID, not DNS name.
 */
final class SvidTrustManager extends X509ExtendedTrustManager {

  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

  private final SpiffeTrustManager chainCheck;
  private final Set<String> trustDomains;
  private final Predicate<SpiffeId> accept;

  SvidTrustManager(SvidSource source, Set<String> trustDomains, Predicate<SpiffeId> accept) {
    this.chainCheck = new SpiffeTrustManager(source.x509Source());
    this.trustDomains = Set.copyOf(trustDomains);
    this.accept = accept;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    verify(chain, authType, CLIENT_AUTH, "client");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    verify(chain, authType, SERVER_AUTH, "server");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    verify(chain, authType, CLIENT_AUTH, "client");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    verify(chain, authType, SERVER_AUTH, "server");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    verify(chain, authType, CLIENT_AUTH, "client");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    verify(chain, authType, SERVER_AUTH, "server");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return NO_ISSUERS.clone();
  }

  private void verify(X509Certificate[] chain, String authType, String purpose, String peer)
      throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the " + peer + " sent no certificate");
    }
    SpiffeId id =
        PeerIdentity.fromLeaf(chain[0])
            .orElseThrow(
                () ->
                    new CertificateException(
                        "the " + peer + " certificate has no single valid SPIFFE ID URI SAN"));
    if (!trustDomains.contains(id.trustDomain())) {
      throw new CertificateException(
          "the " + peer + " SPIFFE ID " + id + " is not in an allowed trust domain");
    }
    // Chain to the bundle of the ID's own trust domain (and validity dates): java-spiffe's PKIX
    // check, which fails when the source holds no bundle for that domain.
    if (peer.equals("client")) {
      chainCheck.checkClientTrusted(chain, authType);
    } else {
      chainCheck.checkServerTrusted(chain, authType);
    }
    checkExtendedKeyUsage(chain[0], purpose, peer);
    if (!accept.test(id)) {
      throw new CertificateException("the " + peer + " SPIFFE ID " + id + " is not accepted here");
    }
  }

  private static void checkExtendedKeyUsage(X509Certificate leaf, String purpose, String peer)
      throws CertificateException {
    List<String> usages;
    try {
      usages = leaf.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      throw new CertificateException(
          "the " + peer + " certificate has an unreadable extended key usage", e);
    }
    if (usages != null && !usages.contains(purpose)) {
      throw new CertificateException(
          "the "
              + peer
              + " certificate's extended key usage does not allow "
              + (purpose.equals(SERVER_AUTH) ? "serverAuth" : "clientAuth"));
    }
  }
}
