package io.spike.identity;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an issued X.509-SVID was written: the leaf certificate (PEM, leaf only; the CA is in the
 * bundle) and its PKCS#8 private key (PEM, mode {@code 0600}). Holds paths only, never key
 * material.
 *
 * @param id the SPIFFE ID in the certificate's URI SAN
 * @param cert the certificate file
 * @param key the private key file
 */
public record Svid(SpiffeId id, Path cert, Path key) {

  /** Rejects nulls. */
  public Svid {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(cert, "cert");
    Objects.requireNonNull(key, "key");
  }
}
