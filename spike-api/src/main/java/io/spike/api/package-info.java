/**
 * The SPIKE-compatible HTTP API: error codes, routes, the JSON codec and the clients that Nexus,
 * keepers, bootstrap and the CLI use to talk to each other.
 *
 * <p>Every route is a {@code POST} of JSON; several actions can share a path through {@code
 * ?action=}. Clients speak HTTP/1.1 over an {@link javax.net.ssl.SSLContext} supplied by the caller
 * (the identity module builds it), so this module holds no key material and depends on no other
 * spike module.
 */
package io.spike.api;
