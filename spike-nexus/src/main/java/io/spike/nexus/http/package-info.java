/**
 * The HTTP side of Nexus: Jetty 12 core (no servlets), one {@link io.spike.nexus.http.ApiHandler}
 * that runs every request through the same pipeline, a {@link io.spike.nexus.http.RouteTable}
 * of {@link io.spike.nexus.http.Route}s keyed by path and {@code ?action=}, and the one place
 * ({@link io.spike.nexus.http.ErrorMapping}) that turns exceptions into error codes. Routes take
 * JSON, or a raw {@link io.spike.nexus.http.Upload} they receive themselves under their own limit;
 * they answer JSON, or a {@link io.spike.nexus.http.StreamedReply} written straight to the
 * response (snapshots).
 *
 * <p>Request and response bodies are never logged.
 */
package io.spike.nexus.http;
