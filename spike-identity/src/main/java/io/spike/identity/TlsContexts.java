package io.spike.identity;

import io.spiffe.provider.SpiffeKeyManager;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * Mutual-TLS {@link SSLContext}s built from an {@link SvidSource}.
 *
 * <p>Both sides present our current SVID (java-spiffe's {@link SpiffeKeyManager} asks the source on
 * every handshake, so a rotated SVID is used without rebuilding the context) and validate the
 * peer's chain against the trust bundle of our trust domain. Peers are identified by the SPIFFE ID
 * in their URI SAN; there is no host-name verification, even when the client (such as {@code
 * java.net.http.HttpClient}) asks for {@code HTTPS} endpoint identification. Only TLS 1.3 and 1.2
 * are enabled; sessions can be resumed for {@value #SESSION_TIMEOUT_SECONDS} seconds.
 *
 * <p>Servers: the context's engines, server sockets and default parameters already require a client
 * certificate, but set it on the server as well (Jetty: {@code
 * SslContextFactory.Server.setSslContext(ctx)}, {@code setNeedClientAuth(true)}, and {@code
 * SecureRequestCustomizer.setSniHostCheck(false)}). Read the caller's identity with {@link
 * PeerIdentity}.
 */
public final class TlsContexts {

  /**
   * Lifetime of resumable TLS sessions, both sides (the JDK default is 24 hours). A resumed session
   * keeps the identity of its first handshake, so this bounds how long a rotated or expired SVID
   * can still be relied upon.
   */
  public static final int SESSION_TIMEOUT_SECONDS = 300;

  private TlsContexts() {}

  /**
   * A server context: any SPIFFE ID of our trust domain may connect (routes authorize); a client
   * without a certificate, with a chain from another CA or trust domain, or without a SPIFFE ID is
   * refused during the handshake.
   */
  public static SSLContext server(SvidSource source) {
    return server(source, id -> true);
  }

  /**
   * A server context that also refuses, during the handshake, clients whose SPIFFE ID fails {@code
   * acceptClient}.
   */
  public static SSLContext server(SvidSource source, Predicate<SpiffeId> acceptClient) {
    Objects.requireNonNull(acceptClient, "acceptClient");
    return build(source, new SvidTrustManager(source, ownDomain(source), acceptClient), true);
  }

  /**
   * A server context for several trust domains: any SPIFFE ID of a domain {@code trust} names may
   * connect (routes authorize), provided its chain validates against the bundle of its own domain
   * (files: {@code SPIKE_TRUST_BUNDLE} and {@code SPIKE_FEDERATED_BUNDLES}; Workload API: the
   * agent's bundle set, federated bundles included).
   */
  public static SSLContext server(SvidSource source, TrustRoots trust) {
    Objects.requireNonNull(trust, "trust");
    return build(source, new SvidTrustManager(source, trust.all(), id -> true), true);
  }

  /**
   * A client context that completes a handshake only with a server of our own trust domain whose
   * chain validates against our trust bundle and whose SPIFFE ID passes {@code acceptServer} (e.g.
   * {@link #role(Role, String) role(NEXUS, td)}).
   */
  public static SSLContext client(SvidSource source, Predicate<SpiffeId> acceptServer) {
    Objects.requireNonNull(acceptServer, "acceptServer");
    return build(source, new SvidTrustManager(source, ownDomain(source), acceptServer), false);
  }

  /**
   * A client context that completes a handshake only with a server of a domain {@code trust} names,
   * whose chain validates against the bundle of its own domain and whose SPIFFE ID passes {@code
   * acceptServer} (e.g. {@code trust.role(Role.NEXUS)}).
   */
  public static SSLContext client(
      SvidSource source, TrustRoots trust, Predicate<SpiffeId> acceptServer) {
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(acceptServer, "acceptServer");
    return build(source, new SvidTrustManager(source, trust.all(), acceptServer), false);
  }

  private static Set<String> ownDomain(SvidSource source) {
    return Set.of(Objects.requireNonNull(source, "source").trustDomain());
  }

  /** Accepts IDs that hold {@code role} in {@code trustDomain} (see {@link Role#holds}). */
  public static Predicate<SpiffeId> role(Role role, String trustDomain) {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(trustDomain, "trustDomain");
    return id -> role.holds(id, trustDomain);
  }

  /** Accepts any ID of {@code trustDomain}. */
  public static Predicate<SpiffeId> memberOf(String trustDomain) {
    Objects.requireNonNull(trustDomain, "trustDomain");
    return id -> id.memberOf(trustDomain);
  }

  private static SSLContext build(
      SvidSource source, SvidTrustManager trustManager, boolean server) {
    Objects.requireNonNull(source, "source");
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          new KeyManager[] {new SpiffeKeyManager(source.x509Source())},
          new TrustManager[] {trustManager},
          null);
      context.getClientSessionContext().setSessionTimeout(SESSION_TIMEOUT_SECONDS);
      context.getServerSessionContext().setSessionTimeout(SESSION_TIMEOUT_SECONDS);
      return new PinnedSslContext(context, server);
    } catch (GeneralSecurityException e) {
      throw new IdentityException("cannot build a TLS context: " + e.getMessage(), e);
    }
  }
}
