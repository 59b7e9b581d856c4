package io.spike.server;

import io.spike.server.TlsScanner.Pair;
import java.util.Set;

/**
 * What a {@link TlsScanner} must find on any SPIKE mTLS server with an EC SVID (the dev CA's and
 * SPIRE's default key type), and nothing more: TLS 1.3 with its three AEAD suites, TLS 1.2 with
 * ECDHE-ECDSA and AES-GCM or ChaCha20-Poly1305. Spelled out here rather than derived from {@code
 * JettyServers}, so that a change to what the servers offer fails the scan tests until this list is
 * changed too, on purpose.
 */
public final class ExpectedHandshakes {
  private ExpectedHandshakes() {}

  public static final Set<Pair> EC_SVID =
      Set.of(
          new Pair("TLSv1.3", "TLS_AES_256_GCM_SHA384"),
          new Pair("TLSv1.3", "TLS_CHACHA20_POLY1305_SHA256"),
          new Pair("TLSv1.3", "TLS_AES_128_GCM_SHA256"),
          new Pair("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
          new Pair("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
          new Pair("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
}
