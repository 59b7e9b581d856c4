/**
 * Who a SPIKE component is, and how it proves it: SPIFFE IDs and roles, the built-in development
 * CA, sources of X.509-SVIDs (PEM files that reload on change, or the SPIFFE Workload API) and the
 * mutual-TLS {@link javax.net.ssl.SSLContext}s built from them.
 *
 * <p>Security promises of this package: private keys never appear in logs, exception messages or
 * {@code toString()}; key files are written {@code 0600} and replaced atomically; TLS contexts
 * speak only TLS 1.3 and 1.2, always validate the peer's chain against the trust bundle of our
 * trust domain, and identify peers by SPIFFE ID (URI SAN), never by DNS name.
 */
package io.spike.identity;
