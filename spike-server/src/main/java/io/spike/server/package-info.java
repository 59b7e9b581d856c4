/**
 * What Nexus and the keepers share as servers, and nothing of either: the Jetty mTLS and plain
 * servers, finishing request bodies so keep-alive connections stay usable, and the {@code
 * SPIKE_LOG_FORMAT} switch. Depends on no other spike module.
 */
package io.spike.server;
