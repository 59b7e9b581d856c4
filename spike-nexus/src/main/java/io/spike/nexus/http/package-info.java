/**
 * The HTTP side of Nexus that the shared pipeline ({@code io.spike.server.pipeline}) does not know:
 * {@link io.spike.nexus.http.ErrorMapping}, the one place that turns the domain's exceptions into
 * error codes and statuses, and {@link io.spike.nexus.http.OpsHandler}, the operations port's
 * handler. Only this package (and the pipeline) knows statuses and error codes: the feature
 * packages register their routes, build replies and throw {@link io.spike.nexus.refusal.Refusal}.
 */
package io.spike.nexus.http;
