/**
 * The HTTP side of Nexus that the shared pipeline ({@code io.spike.server.pipeline}) does not know:
 * {@link io.spike.nexus.http.ErrorMapping}, the one place that turns the domain's exceptions into
 * error codes and statuses.
 */
package io.spike.nexus.http;
